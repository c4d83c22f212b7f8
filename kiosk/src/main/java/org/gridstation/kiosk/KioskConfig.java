package org.gridstation.kiosk;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.gridstation.protocol.Ids;

/**
 * Everything a kiosk needs to start, validated on construction.
 *
 * @param stationId this station's id (a slug; also the MQTT client id suffix)
 * @param dataDir where the outbox database and the downlink copies live
 * @param httpHost the address the touch page listens on
 * @param httpPort the HTTP port; 0 picks any free port
 * @param mqttUri the gateway's broker, e.g. {@code tcp://gateway:1883}
 * @param mqttUsername broker user, if the broker wants one
 * @param mqttPassword broker password, if the broker wants one
 * @param mqttCaFile the town's root certificate (PEM) an {@code ssl://} broker's certificate must
 *     chain to; required for {@code ssl://}
 * @param hardware which GPIO implementation to use
 * @param gpio BCM pin numbers of the duty lamp, buzzer and emergency button
 * @param heartbeatInterval how often a heartbeat is published
 * @param resendAfter how long the gateway may stay silent (no ack for the station) before unacknowledged events are sent again (backing off; see {@code Outbox})
 * @param zone the town's time zone (shifts, "tonight")
 * @param outboxMaxBytes the outbox refuses new events past this size; protects the SD card
 * @param softwareVersion reported in status and heartbeat
 * @param peripherals the screen, speech and receipt printer settings
 */
public record KioskConfig(
        String stationId,
        Path dataDir,
        String httpHost,
        int httpPort,
        String mqttUri,
        Optional<String> mqttUsername,
        Optional<String> mqttPassword,
        Optional<Path> mqttCaFile,
        HardwareMode hardware,
        GpioPins gpio,
        Duration heartbeatInterval,
        Duration resendAfter,
        ZoneId zone,
        long outboxMaxBytes,
        String softwareVersion,
        Peripherals peripherals) {

    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 7070;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RESEND_AFTER = Duration.ofSeconds(15);
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    public static final long DEFAULT_OUTBOX_MAX_BYTES = 256L * 1024 * 1024;
    /** Below this the outbox could not even hold its own schema. */
    public static final long MIN_OUTBOX_BYTES = 32L * 1024;

    /** How the kiosk reaches its lamp, buzzer and button. */
    public enum HardwareMode {
        /** No GPIO: state is recorded and shown on {@code /api/v1/simulator}. */
        SIMULATED,
        /** Real pins through Pi4J's auto-detected platform (a Raspberry Pi). */
        PI4J
    }

    /**
     * BCM pin numbers.
     *
     * @param lamp the duty lamp output
     * @param buzzer the buzzer output
     * @param button the emergency button input (pressed = high)
     * @param motion the motion sensor input (motion = high, e.g. a PIR module's output)
     */
    public record GpioPins(int lamp, int buzzer, int button, int motion) {
        /** The default motion sensor pin, BCM 23. */
        public static final int DEFAULT_MOTION = 23;

        public GpioPins {
            requirePin(lamp, "gpio.lamp");
            requirePin(buzzer, "gpio.buzzer");
            requirePin(button, "gpio.button");
            requirePin(motion, "gpio.motion");
            if (java.util.stream.IntStream.of(lamp, buzzer, button, motion).distinct().count() < 4) {
                throw new IllegalArgumentException("gpio.lamp, gpio.buzzer, gpio.button and gpio.motion must be different pins");
            }
        }

        /** Lamp, buzzer and button, with the motion sensor on its default pin. */
        public GpioPins(int lamp, int buzzer, int button) {
            this(lamp, buzzer, button, DEFAULT_MOTION);
        }

        public static GpioPins defaults() {
            return new GpioPins(17, 27, 22, DEFAULT_MOTION);
        }

        private static void requirePin(int pin, String what) {
            if (pin < 0 || pin > 27) {
                throw new IllegalArgumentException(what + " must be a BCM pin 0-27, was " + pin);
            }
        }
    }

    public KioskConfig {
        Ids.require(stationId, "stationId");
        Ids.notNull(dataDir, "dataDir");
        dataDir = dataDir.toAbsolutePath().normalize();
        if (httpHost == null || httpHost.isBlank()) {
            throw new IllegalArgumentException("httpHost is required");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be 0-65535, was " + httpPort);
        }
        requireMqttUri(mqttUri);
        mqttUsername = blankToEmpty(mqttUsername);
        mqttPassword = blankToEmpty(mqttPassword);
        if (mqttPassword.isPresent() && mqttUsername.isEmpty()) {
            throw new IllegalArgumentException("mqttPassword needs mqttUsername");
        }
        mqttCaFile = mqttCaFile == null ? Optional.empty() : mqttCaFile.map(f -> f.toAbsolutePath().normalize());
        if (mqttUri.startsWith("ssl://") && mqttCaFile.isEmpty()) {
            throw new IllegalArgumentException("an ssl:// mqttUri needs mqttCaFile (mqtt.ca), the town's ca.crt");
        }
        Ids.notNull(hardware, "hardware");
        Ids.notNull(gpio, "gpio");
        requirePositive(heartbeatInterval, "heartbeatInterval");
        requirePositive(resendAfter, "resendAfter");
        Ids.notNull(zone, "zone");
        if (outboxMaxBytes < MIN_OUTBOX_BYTES) {
            throw new IllegalArgumentException("outboxMaxBytes must be at least " + MIN_OUTBOX_BYTES);
        }
        if (softwareVersion == null || softwareVersion.isBlank()) {
            throw new IllegalArgumentException("softwareVersion is required");
        }
        Ids.notNull(peripherals, "peripherals");
    }

    /**
     * The screen, the spoken prompts and the receipt printer.
     *
     * @param screenDimAfter the touch page dims after this long without a touch, a scan or motion
     * @param backlight the backlight's {@code brightness} file to lower while dimmed; empty: only the page dims
     * @param speechEnabled whether prompts are spoken
     * @param speechCommand the speech engine's command line; the text to say is appended as the last argument
     * @param printerDevice the ESC/POS receipt printer's device (e.g. {@code /dev/usb/lp0}); empty: no printing
     * @param cameraCommand the capture command that writes the camera's MJPEG stream to its standard
     *     output (see {@link org.gridstation.kiosk.camera.CameraStream}); empty: no camera
     */
    public record Peripherals(Duration screenDimAfter, Optional<Path> backlight, boolean speechEnabled,
            java.util.List<String> speechCommand, Optional<Path> printerDevice, java.util.List<String> cameraCommand) {
        public static final Duration DEFAULT_DIM_AFTER = Duration.ofSeconds(120);
        public static final java.util.List<String> DEFAULT_SPEECH_COMMAND = java.util.List.of("espeak-ng", "-v", "cmn");

        public Peripherals {
            requirePositive(screenDimAfter, "screen.dim.seconds");
            backlight = backlight == null ? Optional.empty() : backlight;
            speechCommand = java.util.List.copyOf(Ids.notNull(speechCommand, "speech.command"));
            if (speechCommand.isEmpty() || speechCommand.get(0).isBlank()) {
                throw new IllegalArgumentException("speech.command must name a program");
            }
            printerDevice = printerDevice == null ? Optional.empty() : printerDevice;
            cameraCommand = cameraCommand == null ? java.util.List.of() : java.util.List.copyOf(cameraCommand);
            if (!cameraCommand.isEmpty() && cameraCommand.get(0).isBlank()) {
                throw new IllegalArgumentException("camera.command must name a program");
            }
        }

        /** Without a camera. */
        public Peripherals(Duration screenDimAfter, Optional<Path> backlight, boolean speechEnabled,
                java.util.List<String> speechCommand, Optional<Path> printerDevice) {
            this(screenDimAfter, backlight, speechEnabled, speechCommand, printerDevice, java.util.List.of());
        }

        /** Dim after 120 s, no backlight control, no speech, no printer, no camera. */
        public static Peripherals defaults() {
            return new Peripherals(DEFAULT_DIM_AFTER, Optional.empty(), false, DEFAULT_SPEECH_COMMAND, Optional.empty(),
                    java.util.List.of());
        }

        public Peripherals withScreenDimAfter(Duration after) {
            return new Peripherals(after, backlight, speechEnabled, speechCommand, printerDevice, cameraCommand);
        }

        public Peripherals withBacklight(Path brightnessFile) {
            return new Peripherals(screenDimAfter, Optional.of(brightnessFile), speechEnabled, speechCommand, printerDevice,
                    cameraCommand);
        }

        public Peripherals withSpeech(boolean enabled, java.util.List<String> command) {
            return new Peripherals(screenDimAfter, backlight, enabled, command, printerDevice, cameraCommand);
        }

        public Peripherals withPrinter(Path device) {
            return new Peripherals(screenDimAfter, backlight, speechEnabled, speechCommand, Optional.of(device), cameraCommand);
        }

        /** With the camera's capture command (empty: no camera). */
        public Peripherals withCamera(java.util.List<String> command) {
            return new Peripherals(screenDimAfter, backlight, speechEnabled, speechCommand, printerDevice, command);
        }
    }

    /** A config with every default: simulated hardware, HTTP on 127.0.0.1:7070. */
    public static KioskConfig defaults(String stationId, Path dataDir, String mqttUri) {
        return new KioskConfig(stationId, dataDir, DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT, mqttUri,
                Optional.empty(), Optional.empty(), Optional.empty(), HardwareMode.SIMULATED, GpioPins.defaults(),
                DEFAULT_HEARTBEAT, DEFAULT_RESEND_AFTER, DEFAULT_ZONE, DEFAULT_OUTBOX_MAX_BYTES,
                builtVersion(), Peripherals.defaults());
    }

    /**
     * Reads a properties file; see {@link ConfigFile} for the keys.
     *
     * @throws IllegalArgumentException naming the offending key for an unknown key or a bad value
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static KioskConfig load(Path propertiesFile) {
        return ConfigFile.load(propertiesFile);
    }

    public KioskConfig withHttpPort(int port) {
        return new KioskConfig(stationId, dataDir, httpHost, port, mqttUri, mqttUsername, mqttPassword, mqttCaFile,
                hardware, gpio, heartbeatInterval, resendAfter, zone, outboxMaxBytes, softwareVersion, peripherals);
    }

    public KioskConfig withHeartbeatInterval(Duration interval) {
        return new KioskConfig(stationId, dataDir, httpHost, httpPort, mqttUri, mqttUsername, mqttPassword, mqttCaFile,
                hardware, gpio, interval, resendAfter, zone, outboxMaxBytes, softwareVersion, peripherals);
    }

    public KioskConfig withResendAfter(Duration after) {
        return new KioskConfig(stationId, dataDir, httpHost, httpPort, mqttUri, mqttUsername, mqttPassword, mqttCaFile,
                hardware, gpio, heartbeatInterval, after, zone, outboxMaxBytes, softwareVersion, peripherals);
    }

    public KioskConfig withOutboxMaxBytes(long maxBytes) {
        return new KioskConfig(stationId, dataDir, httpHost, httpPort, mqttUri, mqttUsername, mqttPassword, mqttCaFile,
                hardware, gpio, heartbeatInterval, resendAfter, zone, maxBytes, softwareVersion, peripherals);
    }

    public KioskConfig withMqttUri(String uri) {
        return new KioskConfig(stationId, dataDir, httpHost, httpPort, uri, mqttUsername, mqttPassword, mqttCaFile,
                hardware, gpio, heartbeatInterval, resendAfter, zone, outboxMaxBytes, softwareVersion, peripherals);
    }

    /** MQTT over TLS to {@code uri} ({@code ssl://host:port}), trusting the root in {@code caFile}. */
    public KioskConfig withMqttTls(String uri, Path caFile) {
        return new KioskConfig(stationId, dataDir, httpHost, httpPort, uri, mqttUsername, mqttPassword, Optional.of(caFile),
                hardware, gpio, heartbeatInterval, resendAfter, zone, outboxMaxBytes, softwareVersion, peripherals);
    }

    public KioskConfig withMqttCredentials(String username, String password) {
        return new KioskConfig(stationId, dataDir, httpHost, httpPort, mqttUri, Optional.of(username),
                Optional.of(password), mqttCaFile, hardware, gpio, heartbeatInterval, resendAfter, zone, outboxMaxBytes,
                softwareVersion, peripherals);
    }

    public KioskConfig withHardware(HardwareMode mode, GpioPins pins) {
        return new KioskConfig(stationId, dataDir, httpHost, httpPort, mqttUri, mqttUsername, mqttPassword, mqttCaFile,
                mode, pins, heartbeatInterval, resendAfter, zone, outboxMaxBytes, softwareVersion, peripherals);
    }

    public KioskConfig withZone(ZoneId townZone) {
        return new KioskConfig(stationId, dataDir, httpHost, httpPort, mqttUri, mqttUsername, mqttPassword, mqttCaFile,
                hardware, gpio, heartbeatInterval, resendAfter, townZone, outboxMaxBytes, softwareVersion, peripherals);
    }

    public KioskConfig withPeripherals(Peripherals settings) {
        return new KioskConfig(stationId, dataDir, httpHost, httpPort, mqttUri, mqttUsername, mqttPassword, mqttCaFile,
                hardware, gpio, heartbeatInterval, resendAfter, zone, outboxMaxBytes, softwareVersion, settings);
    }

    /** The MQTT client id, {@code kiosk-{stationId}}. */
    public String mqttClientId() {
        return "kiosk-" + stationId;
    }

    @Override
    public String toString() {
        return "KioskConfig[stationId=" + stationId + ", dataDir=" + dataDir + ", http=" + httpHost + ":" + httpPort
                + ", mqttUri=" + mqttUri + ", mqttUsername=" + mqttUsername.orElse("-")
                + ", mqttPassword=" + (mqttPassword.isPresent() ? "***" : "-")
                + mqttCaFile.map(f -> ", mqttCaFile=" + f).orElse("") + ", hardware=" + hardware
                + ", gpio=" + gpio + ", heartbeat=" + heartbeatInterval + ", resendAfter=" + resendAfter
                + ", zone=" + zone + ", outboxMaxBytes=" + outboxMaxBytes + ", version=" + softwareVersion
                + ", " + peripherals + "]";
    }

    /** The version in the jar manifest, or {@code dev} when run from classes. */
    static String builtVersion() {
        String v = KioskConfig.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    private static void requireMqttUri(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("mqttUri is required");
        }
        try {
            URI u = new URI(uri);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equals("tcp") || scheme.equals("ssl") || scheme.equals("ws") || scheme.equals("wss"))
                    || u.getHost() == null) {
                throw new IllegalArgumentException("mqttUri must look like tcp://host:1883, was " + uri);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("mqttUri must look like tcp://host:1883, was " + uri, e);
        }
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    private static Optional<String> blankToEmpty(Optional<String> value) {
        return value == null ? Optional.empty() : value.filter(v -> !v.isBlank());
    }
}
