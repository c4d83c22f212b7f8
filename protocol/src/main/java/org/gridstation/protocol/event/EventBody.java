package org.gridstation.protocol.event;

/** The type-specific part of an {@link Event}. */
public sealed interface EventBody
        permits CheckIn, CheckOut, ScanRefused, WalkInRequest, ButtonPressed, TicketFeedback {

    /** The wire name of this kind of event. */
    String type();
}
