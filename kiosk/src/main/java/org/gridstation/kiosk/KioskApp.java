package org.gridstation.kiosk;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridstation.kiosk.badge.DutyLedger;
import org.gridstation.kiosk.badge.ScanDesk;
import org.gridstation.kiosk.camera.CameraDesk;
import org.gridstation.kiosk.camera.CameraStream;
import org.gridstation.kiosk.camera.QrDecoder;
import org.gridstation.kiosk.downlink.DownlinkRouter;
import org.gridstation.kiosk.downlink.TownState;
import org.gridstation.kiosk.hardware.Buzzer;
import org.gridstation.kiosk.hardware.DutyLamp;
import org.gridstation.kiosk.hardware.EmergencyButton;
import org.gridstation.kiosk.hardware.EmergencyRelay;
import org.gridstation.kiosk.hardware.Hardware;
import org.gridstation.kiosk.hardware.MotionSensor;
import org.gridstation.kiosk.hardware.Pi4jHardware;
import org.gridstation.kiosk.hardware.SignalLamp;
import org.gridstation.kiosk.hardware.SimulatedHardware;
import org.gridstation.kiosk.health.HealthProbe;
import org.gridstation.kiosk.health.HeartbeatPublisher;
import org.gridstation.kiosk.mqtt.KioskMqtt;
import org.gridstation.kiosk.outbox.Outbox;
import org.gridstation.kiosk.outbox.OutboxPublisher;
import org.gridstation.kiosk.printer.ReceiptPrinter;
import org.gridstation.kiosk.request.RequestDesk;
import org.gridstation.kiosk.screen.Backlight;
import org.gridstation.kiosk.screen.Screen;
import org.gridstation.kiosk.settings.FleetSettings;
import org.gridstation.kiosk.speech.Announcer;
import org.gridstation.kiosk.speech.CommandSpeaker;
import org.gridstation.kiosk.store.KioskDatabase;
import org.gridstation.kiosk.ticket.TicketDesk;
import org.gridstation.kiosk.web.KioskWeb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's composition root: builds every service from one {@link KioskConfig}, starts them,
 * and stops them in reverse order.
 *
 * <pre>{@code
 * try (KioskApp kiosk = KioskApp.start(KioskConfig.defaults("hexing", dataDir, "tcp://gateway:1883"))) {
 *     int port = kiosk.httpPort();
 * }
 * }</pre>
 */
public final class KioskApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KioskApp.class);

    private final KioskConfig config;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Outbox outbox;
    private TownState town;
    private KioskMqtt mqtt;
    private OutboxPublisher publisher;
    private KioskWeb web;
    private Hardware hardware;
    private SignalLamp lamp;
    private CameraStream cameraStream;

    private KioskApp(KioskConfig config) {
        this.config = config;
    }

    /**
     * Starts a kiosk: opens the outbox, loads the stored downlinks, opens the hardware, starts the
     * MQTT link (connecting in the background; the kiosk works offline), the publisher, the
     * heartbeat and the web server. Returns once the web server answers.
     *
     * @throws RuntimeException if something cannot start; whatever had started is stopped again
     */
    public static KioskApp start(KioskConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(KioskConfig)}, with the given clock for the kiosk's own time readings. */
    public static KioskApp start(KioskConfig config, Clock clock) {
        KioskApp app = new KioskApp(config);
        try {
            app.build(clock);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    private void build(Clock clock) {
        log.info("starting kiosk {}", config);
        String id = config.stationId();
        KioskDatabase db = own(KioskDatabase.open(config.dataDir(), config.outboxMaxBytes()));
        town = new TownState(id, config.dataDir(), config.zone(), clock);
        // settings the town pushes (fleet configuration) take precedence over this file's
        FleetSettings fleet = town.settings();
        outbox = new Outbox(db, id, clock, () -> fleet.seconds("resend.seconds", config.resendAfter()));
        DutyLedger ledger = new DutyLedger(db);
        hardware = own(openHardware());
        lamp = own(new SignalLamp(hardware.lamp()));
        ScanDesk scanDesk = new ScanDesk(outbox, town, ledger, lamp, hardware.buzzer(),
                () -> mqtt != null && mqtt.connected(), clock);
        scanDesk.restoreLamp();
        EmergencyRelay emergency = new EmergencyRelay(outbox, hardware.buzzer(), lamp, clock);
        emergency.resync();
        emergency.attach(hardware.emergencyButton());
        RequestDesk requestDesk = new RequestDesk(outbox, id);

        mqtt = new KioskMqtt(config, clock, new DownlinkRouter(id, town, ack -> {
            publisher.onAck(ack);
            emergency.resync();
        }));
        publisher = new OutboxPublisher(outbox, mqtt, id, clock);
        own(mqtt);
        publisher.start();
        own(publisher);
        mqtt.start();
        HeartbeatPublisher heartbeat = own(new HeartbeatPublisher(
                new HealthProbe(id, config.dataDir(), outbox, ledger, clock, config.softwareVersion(), fleet),
                mqtt, id, () -> fleet.seconds("heartbeat.seconds", config.heartbeatInterval())));
        heartbeat.start();
        fleet.onChange(heartbeat::beatNow); // the gateway learns at once which settings are in force

        KioskConfig.Peripherals extras = config.peripherals();
        Screen screen = new Screen(() -> fleet.seconds("screen.dim.seconds", extras.screenDimAfter()),
                extras.backlight().flatMap(Backlight::open));
        hardware.motionSensor().onMotion(screen::motion);
        // the engine is ready even when speech is off: the town may switch it on
        CommandSpeaker speaker = own(new CommandSpeaker(extras.speechCommand()));
        Announcer announcer = new Announcer(speaker, () -> fleet.flag("speech.enabled", extras.speechEnabled()));
        Optional<ReceiptPrinter> printer = extras.printerDevice()
                .map(device -> own(new ReceiptPrinter(device, id, town, clock)));
        Optional<SimulatedHardware> simulator = hardware instanceof SimulatedHardware
                ? Optional.of((SimulatedHardware) hardware) : Optional.empty();
        CameraDesk camera = new CameraDesk(scanDesk, announcer);
        boolean cameraActive = !extras.cameraCommand().isEmpty() || simulator.isPresent();
        KioskWeb.Services services = new KioskWeb.Services(id, scanDesk, requestDesk, new TicketDesk(town, outbox),
                town, ledger, outbox, mqtt::connected, simulator, screen, announcer, printer, camera, cameraActive, clock);
        web = own(KioskWeb.start(services, config.httpHost(), config.httpPort()));
        if (!extras.cameraCommand().isEmpty()) { // closed before the web server and everything it scans into
            cameraStream = own(new CameraStream(extras.cameraCommand(), new QrDecoder(), camera::seen)).start();
        }
        log.info("kiosk {} started: http://{}:{}/ , {} event(s) waiting in the outbox", id, config.httpHost(),
                web.port(), outbox.pendingCount());
    }

    private Hardware openHardware() {
        if (config.hardware() == KioskConfig.HardwareMode.SIMULATED) {
            return new SimulatedHardware();
        }
        Context pi4j = Pi4J.newAutoContext();
        try {
            Pi4jHardware gpio = new Pi4jHardware(pi4j, config.gpio());
            return new Pi4jContextHardware(gpio, pi4j);
        } catch (RuntimeException e) {
            pi4j.shutdown();
            throw e;
        }
    }

    private <T extends AutoCloseable> T own(T service) {
        started.push(service);
        return service;
    }

    /** The HTTP port actually bound. */
    public int httpPort() {
        return web.port();
    }

    /** The outbox (e.g. {@code outbox().pendingCount()}). */
    public Outbox outbox() {
        return outbox;
    }

    /** What the gateway has sent down (config, roster, keys, revocations). */
    public TownState town() {
        return town;
    }

    /** The devices in use. */
    public Hardware hardware() {
        return hardware;
    }

    /** The duty lamp as the kiosk drives it (staffed, or blinking for an unanswered emergency). */
    public SignalLamp lamp() {
        return lamp;
    }

    /** The camera stream, if {@code camera.command} is set (e.g. {@code camera().map(CameraStream::stats)}). */
    public Optional<CameraStream> camera() {
        return Optional.ofNullable(cameraStream);
    }

    /** Whether the MQTT session with the gateway's broker is up. */
    public boolean connected() {
        return mqtt != null && mqtt.connected();
    }

    public KioskConfig config() {
        return config;
    }

    /**
     * Stops everything in reverse order of start: the web server, the heartbeat, the publisher,
     * the MQTT link (publishing the retained offline status first if connected), the hardware and
     * the database. Every committed event stays in the outbox. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        while (!started.isEmpty()) {
            AutoCloseable service = started.pop();
            try {
                service.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", service.getClass().getSimpleName(), e.toString());
            }
        }
        log.info("kiosk {} stopped", config.stationId());
    }

    /** Pi4J hardware that also shuts down the context it was built on. */
    private record Pi4jContextHardware(Pi4jHardware gpio, Context pi4j) implements Hardware {
        @Override
        public DutyLamp lamp() {
            return gpio.lamp();
        }

        @Override
        public Buzzer buzzer() {
            return gpio.buzzer();
        }

        @Override
        public EmergencyButton emergencyButton() {
            return gpio.emergencyButton();
        }

        @Override
        public MotionSensor motionSensor() {
            return gpio.motionSensor();
        }

        @Override
        public void close() {
            gpio.close();
            pi4j.shutdown();
        }
    }
}
