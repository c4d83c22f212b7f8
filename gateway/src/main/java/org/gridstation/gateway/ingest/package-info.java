/**
 * The ingest: every uplink message is routed by topic, validated (size, JSON, schema, that the
 * payload's station is the topic's), and either rejected and counted or accepted. Events are
 * stored once by id in batched transactions by one writer thread, projected into duty sessions and
 * incidents in the same transaction, and acknowledged to their station after the commit.
 *
 * <p>An event from a station id the town does not (yet) know is stored and acknowledged like any
 * other (a station may be provisioned after its kiosk first connects) and counted under
 * {@code fromUnknownStations}.
 */
package org.gridstation.gateway.ingest;
