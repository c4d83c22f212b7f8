/**
 * The {@code ./gridstation} command: {@code demo} (a gateway and simulated kiosks for a seeded
 * town), {@code gateway} and {@code kiosk} (one side alone, from a config file) and
 * {@code bench} (measured figures). Each command is a small class; {@link org.gridstation.cli.Main}
 * dispatches.
 */
package org.gridstation.cli;
