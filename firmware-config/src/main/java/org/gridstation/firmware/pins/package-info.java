/**
 * The station's GPIO wiring as data: one pin map per board, checked against the 40-pin header.
 */
package org.gridstation.firmware.pins;
