/**
 * Badge scanning with a camera: ZXing finds and decodes the QR code in a frame. On a Pi the
 * frames come from the camera; off a Pi (simulation) from image files sent by the simulator page.
 * {@link org.gridstation.kiosk.camera.CameraStream} runs the capture command ({@code camera.command})
 * and cuts its MJPEG output into frames ({@link org.gridstation.kiosk.camera.MjpegSplitter}); every
 * text read, on a Pi or in the simulator, goes to {@link org.gridstation.kiosk.camera.CameraDesk},
 * which scans badges with the same {@link org.gridstation.kiosk.badge.ScanDesk} as a USB scanner's
 * and keeps the events the touch page shows.
 */
package org.gridstation.kiosk.camera;
