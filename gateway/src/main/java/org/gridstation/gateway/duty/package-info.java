/**
 * Duty sessions: who badged in and out at which station, derived from check-in and check-out
 * events. A station's sessions for one person are rebuilt in {@code seq} order whenever one of
 * their events arrives, so an event arriving late (a check-out before its check-in) ends in the
 * same state as in-order arrival. A repeated check-in while on duty is ignored; a check-out with
 * no open session is kept as an event but changes nothing.
 */
package org.gridstation.gateway.duty;
