package org.gridstation.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;

/**
 * The one JSON configuration of the wire contract.
 *
 * <p>Parsing is bounded for untrusted input: at most {@link #MAX_PAYLOAD_BYTES} per message,
 * nesting depth 16, strings of at most 16 KiB and numbers of at most 64 digits. Unknown fields are
 * ignored (a newer minor version may add some); a missing required field fails in the record's
 * constructor. Instants are ISO-8601 strings in UTC.
 */
public final class Json {
    /** Largest MQTT payload either side accepts. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = build();

    private Json() {
    }

    /** A shared, thread-safe mapper configured for the contract. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper build() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(16)
                        .maxStringLength(16 * 1024)
                        .maxNumberLength(64)
                        .maxDocumentLength(MAX_PAYLOAD_BYTES)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(new SimpleModule("gridstation-instants")
                        .addDeserializer(Instant.class, new IsoInstants.Deserializer())
                        .addSerializer(Instant.class, new IsoInstants.Serializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .serializationInclusion(JsonInclude.Include.NON_ABSENT)
                .build();
    }

    /** Serialises a message to UTF-8 JSON bytes. */
    public static byte[] write(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + message.getClass().getSimpleName(), e);
        }
    }

    /** Serialises a message to a JSON string. */
    public static String writeString(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + message.getClass().getSimpleName(), e);
        }
    }

    /**
     * Parses untrusted bytes as {@code type}.
     *
     * @throws MalformedMessageException if the payload is too large, not JSON, or not a valid
     *     message of that type
     */
    public static <T> T read(byte[] payload, Class<T> type) {
        if (payload == null || payload.length == 0) {
            throw new MalformedMessageException("empty payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new MalformedMessageException("payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
        }
        try {
            return MAPPER.readValue(payload, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedMessageException("invalid " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = m.indexOf('\n');
        return newline > 0 ? m.substring(0, newline) : m;
    }
}
