package org.gridstation.protocol.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.gridstation.protocol.Json;
import org.junit.jupiter.api.Test;

class EventTest {

    @Test
    void everyBodyType_roundTripsThroughJson() {
        EventBody[] bodies = {
            new CheckIn("p-1", "b-1", Optional.empty(), false),
            new CheckOut("p-1", "b-1"),
            new ScanRefused(org.gridstation.protocol.badge.RefusalReason.MALFORMED, Optional.empty(), Optional.empty()),
            new WalkInRequest("s1-1", Category.OTHER, Severity.URGENT, Optional.empty(), Optional.empty(), true),
            new ButtonPressed(ButtonPressed.EMERGENCY),
            new TicketFeedback("s1-1", Rating.DISSATISFIED)
        };
        for (EventBody body : bodies) {
            Event e = Event.of("s1", 7, Instant.parse("2026-11-23T11:00:00Z"), body);
            assertEquals(e, Json.read(Json.write(e), Event.class));
            assertEquals(body.type(), e.type());
        }
    }

    @Test
    void sequenceNumbersStartAtOne() {
        assertThrows(IllegalArgumentException.class,
                () -> Event.of("s1", 0, Instant.now(), new ButtonPressed(ButtonPressed.EMERGENCY)));
    }

    @Test
    void walkInRequest_normalisesBlankOptionalsAndBoundsTheNote() {
        WalkInRequest r = new WalkInRequest("s1-1", Category.ERRAND, Severity.NORMAL, Optional.of(" "),
                Optional.of("  "), false);
        assertEquals(Optional.empty(), r.phone());
        assertEquals(Optional.empty(), r.note());
        assertThrows(IllegalArgumentException.class, () -> new WalkInRequest("s1-1", Category.ERRAND, Severity.NORMAL,
                Optional.empty(), Optional.of("字".repeat(WalkInRequest.MAX_NOTE + 1)), false));
    }
}
