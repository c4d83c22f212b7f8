/**
 * A gateway's data directory: read it, read-only, for provisioning (stations, badge public keys);
 * back it up online and restore it.
 */
package org.gridstation.firmware.gateway;
