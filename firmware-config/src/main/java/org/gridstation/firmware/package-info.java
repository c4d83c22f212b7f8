/**
 * Everything that turns a stock Raspberry Pi into a station: per-station configuration,
 * credentials, systemd units, boot and broker configuration, and the generator that writes them.
 * Only the skeleton exists so far; see the firmware-config issue.
 */
package org.gridstation.firmware;
