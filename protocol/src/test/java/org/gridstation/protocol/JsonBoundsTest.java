package org.gridstation.protocol;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.gridstation.protocol.event.Event;
import org.junit.jupiter.api.Test;

class JsonBoundsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oversizedPayload_isRejectedBeforeParsing() {
        byte[] big = new byte[Json.MAX_PAYLOAD_BYTES + 1];
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> Json.read(big, Event.class));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void deeplyNestedJson_isRejected() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThrows(MalformedMessageException.class, () -> Json.read(utf8(deep), Event.class));
    }

    @Test
    void garbage_isRejected() {
        assertThrows(MalformedMessageException.class, () -> Json.read(utf8("not json"), Event.class));
        assertThrows(MalformedMessageException.class, () -> Json.read(new byte[0], Event.class));
    }

    @Test
    void missingField_isRejectedNamingIt() {
        String noStation = "{\"schema\":1,\"id\":\"5f0c6f1e-3b9a-4c1d-9a57-0d5a2c3e4f01\",\"seq\":1,"
                + "\"deviceTime\":\"2026-11-23T11:02:03Z\",\"type\":\"check-out\","
                + "\"body\":{\"personId\":\"p-1\",\"badgeId\":\"b-1\"}}";
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> Json.read(utf8(noStation), Event.class));
        assertTrue(e.getMessage().contains("stationId"), e.getMessage());
    }

    @Test
    void unknownEventType_isRejected() {
        String unknown = "{\"schema\":1,\"id\":\"5f0c6f1e-3b9a-4c1d-9a57-0d5a2c3e4f01\",\"stationId\":\"s1\",\"seq\":1,"
                + "\"deviceTime\":\"2026-11-23T11:02:03Z\",\"type\":\"launch-missiles\",\"body\":{}}";
        assertThrows(MalformedMessageException.class, () -> Json.read(utf8(unknown), Event.class));
    }

    @Test
    void otherSchemaVersion_isRejected() {
        String v2 = "{\"schema\":2,\"id\":\"5f0c6f1e-3b9a-4c1d-9a57-0d5a2c3e4f01\",\"stationId\":\"s1\",\"seq\":1,"
                + "\"deviceTime\":\"2026-11-23T11:02:03Z\",\"type\":\"check-out\","
                + "\"body\":{\"personId\":\"p-1\",\"badgeId\":\"b-1\"}}";
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> Json.read(utf8(v2), Event.class));
        assertTrue(e.getMessage().contains("schema"), e.getMessage());
    }

    @Test
    void invalidPhone_isRejected() {
        String req = "{\"schema\":1,\"id\":\"5f0c6f1e-3b9a-4c1d-9a57-0d5a2c3e4f01\",\"stationId\":\"s1\",\"seq\":1,"
                + "\"deviceTime\":\"2026-11-23T11:02:03Z\",\"type\":\"walk-in-request\","
                + "\"body\":{\"ticket\":\"s1-1\",\"category\":\"other\",\"severity\":\"normal\",\"phone\":\"call me\",\"anonymous\":false}}";
        assertThrows(MalformedMessageException.class, () -> Json.read(utf8(req), Event.class));
    }
}
