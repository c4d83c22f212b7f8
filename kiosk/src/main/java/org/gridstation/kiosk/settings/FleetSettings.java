package org.gridstation.kiosk.settings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.MalformedMessageException;
import org.gridstation.protocol.downlink.StationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings the town pushed to this station (fleet configuration). A newer version is applied
 * only if every setting in it is valid; the version it replaces is kept beside it on disk
 * ({@code <data>/downlink/settings.json} and {@code settings-previous.json}); a refused version
 * is reported (its reason goes out in the heartbeat) and changes nothing. A key the town has not
 * set falls back to the kiosk's own configuration file. The gateway rolls back by publishing an
 * older version's content as a new version.
 */
public final class FleetSettings {
    private static final Logger log = LoggerFactory.getLogger(FleetSettings.class);

    private final String stationId;
    private final Path current;
    private final Path previous;
    private final AtomicLong rejected = new AtomicLong();
    private volatile StationSettings applied;
    private volatile StationSettings before;
    private volatile Optional<String> refusal = Optional.empty();
    private volatile long refusedVersion = -1;
    private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FleetSettings(String stationId, Path dataDir) {
        this.stationId = stationId;
        Path folder = dataDir.resolve("downlink");
        this.current = folder.resolve("settings.json");
        this.previous = folder.resolve("settings-previous.json");
        this.applied = load(current);
        this.before = load(previous);
    }

    /** Called after a version was applied or refused (e.g. to tell the gateway at once in a heartbeat). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        for (Runnable r : listeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("settings listener failed: {}", e.toString());
            }
        }
    }

    /** Offers a message from the settings topic; true if it was applied. */
    public synchronized boolean offer(byte[] payload) {
        StationSettings s;
        try {
            s = Json.read(payload, StationSettings.class);
        } catch (MalformedMessageException e) {
            rejected.incrementAndGet();
            log.warn("settings message refused: {}", e.getMessage());
            return false;
        }
        if (!s.stationId().equals(stationId)) {
            rejected.incrementAndGet();
            log.warn("settings for station {} arrived here ({}); ignored", s.stationId(), stationId);
            return false;
        }
        if (applied != null && s.version() <= applied.version()) {
            return false; // the retained copy again, or an older one
        }
        Optional<String> problem = s.problem();
        if (problem.isPresent()) {
            if (s.version() != refusedVersion) {
                log.warn("settings version {} refused, version {} stays in force: {}", s.version(),
                        applied == null ? 0 : applied.version(), problem.get());
            }
            boolean first = s.version() != refusedVersion;
            refusedVersion = s.version();
            refusal = problem;
            if (first) {
                changed();
            }
            return false;
        }
        if (applied != null) {
            write(previous, Json.write(applied));
        }
        write(current, payload);
        before = applied;
        applied = s;
        refusal = Optional.empty();
        log.info("settings version {} applied: {}", s.version(), s.settings());
        changed();
        return true;
    }

    /** The version in force, if the town has sent any. */
    public Optional<StationSettings> applied() {
        return Optional.ofNullable(applied);
    }

    /** The version it replaced, kept for reference. */
    public Optional<StationSettings> previous() {
        return Optional.ofNullable(before);
    }

    /** Why the newest version received was refused, if it was. */
    public Optional<String> refusal() {
        return refusal;
    }

    /** Malformed or mis-addressed settings messages. */
    public long rejectedCount() {
        return rejected.get();
    }

    /** The town's value of {@code key}, if it set one. */
    public Optional<String> get(String key) {
        StationSettings s = applied;
        return s == null ? Optional.empty() : Optional.ofNullable(s.settings().get(key));
    }

    /** {@code key} as a boolean, else {@code fallback} (the kiosk's own configuration). */
    public boolean flag(String key, boolean fallback) {
        return get(key).map(Boolean::parseBoolean).orElse(fallback);
    }

    /** {@code key} as seconds, else {@code fallback}. */
    public Duration seconds(String key, Duration fallback) {
        return get(key).map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(fallback);
    }

    private StationSettings load(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            StationSettings s = Json.read(Files.readAllBytes(file), StationSettings.class);
            if (s.stationId().equals(stationId) && s.problem().isEmpty()) {
                return s;
            }
        } catch (IOException | MalformedMessageException e) {
            log.warn("stored settings {} unreadable, ignored: {}", file, e.getMessage());
        }
        return null;
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot store settings at {}: {} (kept in memory)", file, e.getMessage());
        }
    }
}
