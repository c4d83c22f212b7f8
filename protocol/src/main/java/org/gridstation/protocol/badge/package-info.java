/**
 * Signed QR-code badges (持证上岗), verified offline at the kiosk.
 *
 * <p>A badge token is {@code GS1:} followed by the Base45 (RFC 9285) encoding of
 * {@code length(2 bytes, big-endian) ‖ claims (compact JSON) ‖ Ed25519 signature (64 bytes)}.
 * The signature covers the ASCII bytes {@code GS1} followed by the claims. Base45's alphabet is
 * inside the QR alphanumeric mode, so the QR code stays small. The claims name the key that
 * signed them ({@code k}) so keys can rotate, and always carry an expiry ({@code x}).
 *
 * <p>A valid signature proves a badge genuine, not that the person holding it owns it.
 */
package org.gridstation.protocol.badge;
