/**
 * The kiosk's SQLite database: one durable connection shared by the outbox, the counters (event
 * sequence, ticket numbers) and the local on-duty state, so each event commits with its state change.
 */
package org.gridstation.kiosk.store;
