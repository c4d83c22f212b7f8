package org.gridstation.protocol;

/** The version of the wire contract. A receiver rejects messages of another major version. */
public final class Schema {
    /** Major version carried in every message's {@code schema} field and in the topic root. */
    public static final int VERSION = 1;

    private Schema() {
    }

    /** Throws if {@code schema} is not the version this code speaks. */
    public static int require(int schema) {
        if (schema != VERSION) {
            throw new IllegalArgumentException("unsupported schema version " + schema + ", expected " + VERSION);
        }
        return schema;
    }
}
