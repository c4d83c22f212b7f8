/**
 * What the gateway sends down: acknowledgements (routed to the outbox) and the retained station
 * configuration, roster, badge keys and revocation list, kept on disk for offline days.
 */
package org.gridstation.kiosk.downlink;
