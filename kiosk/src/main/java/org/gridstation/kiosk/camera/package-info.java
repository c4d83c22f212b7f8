/**
 * Badge scanning with a camera: ZXing finds and decodes the QR code in a frame. On a Pi the
 * frames come from the camera; off a Pi (simulation) from image files sent by the simulator page.
 * A decoded text goes to the same {@link org.gridstation.kiosk.badge.ScanDesk} as a USB scanner's.
 */
package org.gridstation.kiosk.camera;
