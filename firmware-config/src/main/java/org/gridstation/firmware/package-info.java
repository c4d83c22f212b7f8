/**
 * Everything that turns a stock Raspberry Pi into a station: per-station configuration,
 * credentials, systemd units, boot and broker configuration, and the generator that writes them.
 * {@link org.gridstation.firmware.BundleGenerator} writes one station's bundle from
 * {@code templates/common/} plus a per-board overlay ({@code templates/pi4/}, {@code templates/pi5/}).
 */
package org.gridstation.firmware;
