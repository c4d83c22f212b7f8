/** Tickets as the villager sees them: status, ladder level, and the board a kiosk keeps. */
package org.gridstation.protocol.ticket;
