/**
 * Badge in and out at the kiosk: offline verification of the signed QR badge, the local on-duty
 * state, and the check-in, check-out and refused-scan events.
 */
package org.gridstation.kiosk.badge;
