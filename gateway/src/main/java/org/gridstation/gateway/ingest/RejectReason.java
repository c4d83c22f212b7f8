package org.gridstation.gateway.ingest;

/** Why an uplink message was rejected. {@link #wire()} is the name used in {@link IngestStats}. */
public enum RejectReason {
    /** Not JSON, or not a valid message of the topic's kind. */
    MALFORMED("malformed"),
    /** Larger than {@link org.gridstation.protocol.Json#MAX_PAYLOAD_BYTES}. */
    OVERSIZED("oversized"),
    /** The payload's station id is not the topic's. */
    MIS_ADDRESSED("mis-addressed"),
    /** Not an uplink topic of this contract version. */
    UNKNOWN_TOPIC("unknown-topic"),
    /** A schema version this gateway does not speak. */
    BAD_SCHEMA("bad-schema"),
    /** The store failed; the station will re-send (nothing was acknowledged). */
    STORE_FAILED("store-failed");

    private final String wire;

    RejectReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
