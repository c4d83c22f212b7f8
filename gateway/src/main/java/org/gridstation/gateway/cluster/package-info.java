/**
 * Several gateway instances on one store: the lease that picks which instance runs the scheduled
 * work. The ingest needs no coordination beyond the store (events are stored once by their id, and
 * the broker's shared subscription hands each message to one instance).
 */
package org.gridstation.gateway.cluster;
