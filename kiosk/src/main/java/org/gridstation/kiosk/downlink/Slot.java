package org.gridstation.kiosk.downlink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.MalformedMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of retained downlink message: the newest accepted copy, when it arrived, and its file
 * under {@code <data>/downlink/} so a restart with no network still has it.
 */
final class Slot<T> {
    private static final Logger log = LoggerFactory.getLogger(Slot.class);

    /** A message and when this kiosk received it. */
    record Received<T>(T message, Instant receivedAt) {
    }

    private final String name;
    private final Class<T> type;
    private final Path file;
    private final Consumer<T> validator;
    private final BiPredicate<T, T> replaces;
    private final AtomicLong rejected = new AtomicLong();
    private volatile Received<T> current;

    /**
     * @param validator throws {@link IllegalArgumentException} for a message this kiosk must not use
     * @param replaces whether a new message (first argument) supersedes the current one (second)
     */
    Slot(String name, Class<T> type, Path folder, Consumer<T> validator, BiPredicate<T, T> replaces) {
        this.name = name;
        this.type = type;
        this.file = folder.resolve(name + ".json");
        this.validator = validator;
        this.replaces = replaces;
    }

    /** Loads the persisted copy, if any; a damaged file is logged and ignored. */
    void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            T message = Json.read(Files.readAllBytes(file), type);
            validator.accept(message);
            current = new Received<>(message, Files.getLastModifiedTime(file).toInstant());
            log.info("loaded the stored {}", name);
        } catch (IOException | MalformedMessageException | IllegalArgumentException e) {
            log.warn("ignoring the stored {} at {}: {}", name, file, e.getMessage());
        }
    }

    /**
     * Offers a received payload. Returns true if it became the current message; a malformed,
     * invalid or older message is counted, logged without its content, and changes nothing.
     */
    boolean offer(byte[] payload, Instant now) {
        T message;
        try {
            message = Json.read(payload, type);
            validator.accept(message);
        } catch (MalformedMessageException | IllegalArgumentException e) {
            rejected.incrementAndGet();
            log.warn("rejected a malformed {} message ({} bytes): {}", name, payload == null ? 0 : payload.length,
                    e.getMessage());
            return false;
        }
        Received<T> old = current;
        if (old != null && !replaces.test(message, old.message())) {
            log.info("ignored an older {} message", name);
            return false;
        }
        current = new Received<>(message, now);
        persist(payload, now);
        return true;
    }

    Optional<T> message() {
        Received<T> r = current;
        return r == null ? Optional.empty() : Optional.of(r.message());
    }

    Optional<Instant> receivedAt() {
        Received<T> r = current;
        return r == null ? Optional.empty() : Optional.of(r.receivedAt());
    }

    long rejectedCount() {
        return rejected.get();
    }

    private void persist(byte[] payload, Instant now) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            // Synced before the rename: after a power cut the file is the old or the new message,
            // never an empty one (a kiosk rebooting offline needs its keys and revocations).
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(payload));
                ch.force(true);
            }
            Files.setLastModifiedTime(tmp, java.nio.file.attribute.FileTime.from(now));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot store the {} at {}: {} (kept in memory)", name, file, e.getMessage());
        }
    }
}
