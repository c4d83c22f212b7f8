package org.gridstation.gateway.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Derives state (duty sessions, incidents …) from a stored event, in a projection batch's
 * transaction after the event was stored and acknowledged (see {@link Projector}). Events of one
 * station are applied in {@code seq} order within a batch; an event may still arrive after a
 * later one of its station, and a projection must cope with that.
 */
@FunctionalInterface
public interface Projection {
    void apply(Connection c, Received r) throws SQLException;

    /**
     * Before {@link #apply} is called for the batch's events: all of them, in the order they will
     * be applied (each station's in {@code seq} order), and the number ({@code events.n}) of the
     * batch's last event. The events a projection has seen once the batch is applied are those
     * numbered up to it (or not numbered: stored before numbering began); one numbered higher is
     * stored and acknowledged but not yet projected, and a projection that reads {@code events}
     * must not count it. A batch whose projection failed is applied again from the start, with
     * this called again.
     */
    default void batch(List<Received> fresh, long projectedUpTo) {
    }

    /** After the batch's transaction committed: follow-up work such as notifying listeners. */
    default void committed() {
    }

    /** After the batch's transaction rolled back: forget what {@link #apply} noted. */
    default void rolledBack() {
    }
}
