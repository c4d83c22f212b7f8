/**
 * Downlink messages, published by the gateway: acknowledgements of stored events, and the
 * retained station configuration, roster, badge public keys and revocation list that a kiosk
 * needs to work offline.
 */
package org.gridstation.protocol.downlink;
