package org.gridstation.kiosk.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridstation.kiosk.badge.DutyLedger;
import org.gridstation.kiosk.badge.OnDuty;
import org.gridstation.kiosk.outbox.Outbox;
import org.gridstation.kiosk.settings.FleetSettings;
import org.gridstation.protocol.Schema;
import org.gridstation.protocol.downlink.StationSettings;
import org.gridstation.protocol.station.Heartbeat;

/** Reads the kiosk's health for a heartbeat: uptime, free disk, SoC temperature, outbox backlog, duty. */
public final class HealthProbe {
    static final Path THERMAL = Path.of("/sys/class/thermal/thermal_zone0/temp");

    private final String stationId;
    private final Path dataDir;
    private final Outbox outbox;
    private final DutyLedger ledger;
    private final Clock clock;
    private final Instant started;
    private final String softwareVersion;
    private final FleetSettings settings;

    public HealthProbe(String stationId, Path dataDir, Outbox outbox, DutyLedger ledger, Clock clock,
            String softwareVersion, FleetSettings settings) {
        this.settings = settings;
        this.stationId = stationId;
        this.dataDir = dataDir;
        this.outbox = outbox;
        this.ledger = ledger;
        this.clock = clock;
        this.started = clock.instant();
        this.softwareVersion = softwareVersion;
    }

    public Heartbeat heartbeat() {
        Instant now = clock.instant();
        return new Heartbeat(Schema.VERSION, stationId, now, Duration.between(started, now).toSeconds(), diskFree(),
                cpuTemperature(), outbox.pendingCount(), outbox.lastSeq(),
                ledger.onDuty().stream().map(OnDuty::personId).toList(), softwareVersion,
                settings.applied().map(StationSettings::version), settings.refusal());
    }

    private long diskFree() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Degrees Celsius from the kernel's thermal zone, where readable. */
    static Optional<Double> cpuTemperature() {
        try {
            if (!Files.isReadable(THERMAL)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(THERMAL);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()) / 1000.0);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
