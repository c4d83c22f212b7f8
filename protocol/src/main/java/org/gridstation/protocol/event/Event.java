package org.gridstation.protocol.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Schema;

/**
 * One event from a station.
 *
 * <pre>{@code
 * {"schema":1,"id":"5f0c…","stationId":"hexing","seq":42,"deviceTime":"2026-11-23T11:02:03Z",
 *  "type":"check-in","body":{"personId":"p-017","badgeId":"b-017-1","scheduled":true}}
 * }</pre>
 *
 * @param schema contract version, {@link Schema#VERSION}
 * @param id unique id; the gateway stores an event once per id
 * @param stationId the station that recorded it; must equal the station of the topic it came on
 * @param seq the station's sequence number, strictly increasing from 1, gap-free per outbox
 * @param deviceTime the kiosk's clock when it was recorded; informative only (a Pi has no RTC)
 * @param body what happened; its JSON {@code type} names the kind
 */
@JsonPropertyOrder({"schema", "id", "stationId", "seq", "deviceTime", "type", "body"})
public record Event(
        int schema,
        UUID id,
        String stationId,
        long seq,
        Instant deviceTime,
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY, property = "type")
        @JsonSubTypes({
            @JsonSubTypes.Type(value = CheckIn.class, name = CheckIn.TYPE),
            @JsonSubTypes.Type(value = CheckOut.class, name = CheckOut.TYPE),
            @JsonSubTypes.Type(value = ScanRefused.class, name = ScanRefused.TYPE),
            @JsonSubTypes.Type(value = WalkInRequest.class, name = WalkInRequest.TYPE),
            @JsonSubTypes.Type(value = ButtonPressed.class, name = ButtonPressed.TYPE),
            @JsonSubTypes.Type(value = TicketFeedback.class, name = TicketFeedback.TYPE)
        })
        EventBody body) {

    public Event {
        Schema.require(schema);
        Ids.notNull(id, "id");
        Ids.require(stationId, "stationId");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1");
        }
        Ids.notNull(deviceTime, "deviceTime");
        Ids.notNull(body, "body");
    }

    /** A new event of the current schema with a random id. */
    public static Event of(String stationId, long seq, Instant deviceTime, EventBody body) {
        return new Event(Schema.VERSION, UUID.randomUUID(), stationId, seq, deviceTime, body);
    }

    /** The wire name of the body's kind, e.g. {@code check-in}. */
    public String type() {
        return body.type();
    }
}
