/**
 * Tickets at the kiosk: a villager scans a ticket's QR code (or types its number) and sees its
 * status from the gateway's retained ticket board, and rates a resolved ticket; the rating leaves
 * through the outbox as a {@link org.gridstation.protocol.event.TicketFeedback} event.
 */
package org.gridstation.kiosk.ticket;
