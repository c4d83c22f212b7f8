/**
 * The store-and-forward outbox: every event is committed to SQLite first, published at QoS 1,
 * and removed only when the gateway's acknowledgement names it.
 */
package org.gridstation.kiosk.outbox;
