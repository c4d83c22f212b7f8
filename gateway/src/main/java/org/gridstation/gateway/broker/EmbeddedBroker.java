package org.gridstation.gateway.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.Publish;
import java.nio.ByteBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.gridstation.gateway.mqtt.Publisher;
import org.gridstation.gateway.tls.ServerIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ Community Edition inside the gateway process. Its config, data and extensions folders
 * live under {@code <data>/broker/}. Its persistence is in memory by default (the gateway's
 * {@code mqtt.broker.persistence}): sessions, queued and retained messages do not survive a restart,
 * which the protocol does not need (see {@link Persistence}); {@code file} keeps them on disk at
 * half the broker's throughput (docs/scaling.md). Per-client queues are raised to {@value #MAX_QUEUE} messages.
 * Nobody connects anonymously: {@link BrokerSecurity}, registered as an embedded extension,
 * decides every CONNECT, PUBLISH and SUBSCRIBE.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** Messages queued per offline client before the broker discards. */
    public static final int MAX_QUEUE = 100_000;
    /**
     * QoS 1 publishes a client may have unconfirmed at the broker. HiveMQ's default of 10 capped the
     * gateway's acknowledgements at 10 in flight, while one batch needs an ack for every station in
     * it (up to 1,000; see docs/scaling.md); a kiosk's window stays at its own cap of 100.
     */
    public static final int RECEIVE_MAXIMUM = 1000;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Path folder;
    private final String host;
    private final int requestedPort;
    private final Optional<TlsListener> tls;
    private final BrokerSecurity security;
    private final Persistence persistence;
    private final EventTap events = new EventTap();
    private volatile EmbeddedHiveMQ hivemq;
    private int port;
    private int tlsPort = -1;

    /**
     * The MQTT-over-TLS listener.
     *
     * @param port its port, 0 for any free one
     * @param identity the certificate and key it presents
     */
    public record TlsListener(int port, ServerIdentity identity) {
    }

    /**
     * Where HiveMQ keeps sessions, queued and retained messages.
     *
     * <p>{@link #IN_MEMORY} (the default) forgets them when the gateway restarts, and nothing the
     * protocol needs is lost: a kiosk keeps every event in its outbox until the gateway's ack (sent
     * after the commit) and re-sends what was unacknowledged after every reconnect; kiosks and the
     * gateway subscribe on every connect; the gateway republishes every retained downlink (config,
     * roster, tickets, settings, the town topics) on connect, and kiosks their retained status.
     * What is lost is only what was queued for a client at the moment of the restart: acks for an
     * offline kiosk (it re-sends, the gateway acknowledges the duplicates) and events not yet handed
     * to the gateway (the kiosks re-send them). In the county burst (docs/scaling.md) the file
     * persistence cost 42 % of the gateway JVM's CPU samples and halved the raw broker's rate.
     *
     * <p>{@link #FILE} keeps them on disk, as before: for a broker that other clients rely on to
     * queue messages across a gateway restart.
     */
    public enum Persistence {
        IN_MEMORY("in-memory"), FILE("file");

        private final String hivemqMode;

        Persistence(String hivemqMode) {
            this.hivemqMode = hivemqMode;
        }

        /** The config value: {@code in-memory} or {@code file}. */
        public String value() {
            return hivemqMode;
        }

        /** Parses {@code in-memory} or {@code file}. */
        public static Persistence of(String value) {
            for (Persistence p : values()) {
                if (p.hivemqMode.equals(value.trim().toLowerCase(java.util.Locale.ROOT))) {
                    return p;
                }
            }
            throw new IllegalArgumentException("must be in-memory or file, got '" + value + "'");
        }
    }

    /**
     * @param folder where config, data and extensions go
     * @param host the listener's bind address
     * @param port the listener's port, 0 for any free port
     * @param security who may connect, publish and subscribe
     */
    public EmbeddedBroker(Path folder, String host, int port, BrokerSecurity security) {
        this(folder, host, port, security, Optional.empty());
    }

    /** As {@link #EmbeddedBroker(Path, String, int, BrokerSecurity)}, with an MQTT-over-TLS listener beside the plain one. */
    public EmbeddedBroker(Path folder, String host, int port, BrokerSecurity security, Optional<TlsListener> tls) {
        this(folder, host, port, security, tls, Persistence.IN_MEMORY);
    }

    /** As {@link #EmbeddedBroker(Path, String, int, BrokerSecurity, Optional)}, with the given persistence. */
    public EmbeddedBroker(Path folder, String host, int port, BrokerSecurity security, Optional<TlsListener> tls,
            Persistence persistence) {
        this.folder = folder;
        this.host = host;
        this.requestedPort = port;
        this.security = java.util.Objects.requireNonNull(security);
        this.tls = tls;
        this.persistence = java.util.Objects.requireNonNull(persistence);
    }

    /** Writes the config and starts the broker; returns once it accepts connections. */
    public synchronized void start() {
        if (hivemq != null) {
            return;
        }
        port = requestedPort == 0 ? freePort(host) : requestedPort;
        Path conf = folder.resolve("conf");
        Path data = folder.resolve("data");
        Path extensions = folder.resolve("extensions");
        try {
            Files.createDirectories(conf);
            Files.createDirectories(data);
            Files.createDirectories(extensions);
            String tlsListener = "";
            if (tls.isPresent()) {
                tlsPort = tls.get().port() == 0 ? freePort(host) : tls.get().port();
                // a new password each start: the key store exists only for this broker to read
                char[] password = HexFormat.of().formatHex(SecureRandom.getSeed(16)).toCharArray();
                Path keyStore = conf.resolve("gateway.p12");
                tls.get().identity().writeKeyStore(keyStore, password);
                tlsListener = tlsListenerXml(host, tlsPort, keyStore, new String(password));
            }
            Files.writeString(conf.resolve("config.xml"), configXml(host, port, tlsListener, persistenceMode(persistence)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare broker folder " + folder, e);
        }
        long t0 = System.nanoTime();
        EmbeddedHiveMQ h = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withEmbeddedExtension(new SecurityExtension(security, events).embedded())
                .withoutLoggingBootstrap()
                .build();
        try {
            h.start().join();
        } catch (CompletionException e) {
            closeQuietly(h);
            throw new IllegalStateException("embedded MQTT broker failed to start on " + host + ":" + port
                    + ": " + e.getCause().getMessage(), e.getCause());
        }
        hivemq = h;
        log.info("embedded MQTT broker listening on {}:{}{}, persistence {} (started in {} ms)", host, port,
                tls.isPresent() ? ", TLS on " + tlsPort : "", persistenceMode(persistence), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Closes the live connection of the station's client ({@code kiosk-<id>}), if any: after a
     * revocation, so it must authenticate again and is refused.
     */
    public void disconnectStation(String stationId) {
        EmbeddedHiveMQ h;
        synchronized (this) {
            h = hivemq;
        }
        if (h == null) {
            return;
        }
        String clientId = org.gridstation.protocol.mqtt.StationTopics.clientId(stationId);
        try {
            boolean was = Services.clientService().disconnectClient(clientId, false,
                    com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode.NOT_AUTHORIZED, "credential revoked")
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            if (was) {
                log.info("MQTT client {} disconnected: its credential was revoked", clientId);
            }
        } catch (Exception e) {
            log.warn("could not disconnect MQTT client {}: {}", clientId, e.toString());
        }
    }

    /**
     * The station events this broker has authorized, handed to the gateway in process (the
     * gateway does not subscribe to them on its own broker).
     */
    public EventTap events() {
        return events;
    }

    /**
     * Publishes through this broker from inside the process (HiveMQ's publish service): no MQTT
     * connection, no encoding and decoding, no authorization of the gateway's own message. The
     * gateway's acks go this way (docs/scaling.md, Round 5). Returns false while the broker is
     * not running.
     */
    public Publisher localPublisher() {
        return (topic, payload, qos, retained) -> {
            if (hivemq == null) {
                return false;
            }
            Publish p = Builders.publish().topic(topic).payload(ByteBuffer.wrap(payload)).qos(Qos.valueOf(qos))
                    .retain(retained).build();
            Services.publishService().publish(p).whenComplete((ok, e) -> {
                if (e != null) {
                    log.warn("in-process publish to {} failed: {}", topic, e.toString());
                }
            });
            return true;
        };
    }

    /** The listener's actual port. */
    public int port() {
        return port;
    }

    /** The TLS listener's actual port, if there is one. */
    public Optional<Integer> tlsPort() {
        return tls.isPresent() && tlsPort > 0 ? Optional.of(tlsPort) : Optional.empty();
    }

    /** Stops the broker; idempotent. */
    @Override
    public synchronized void close() {
        if (hivemq == null) {
            return;
        }
        try {
            hivemq.stop().join();
        } catch (RuntimeException e) {
            log.warn("embedded MQTT broker did not stop cleanly: {}", e.toString());
        }
        closeQuietly(hivemq);
        hivemq = null;
        log.info("embedded MQTT broker stopped");
    }

    private static String tlsListenerXml(String host, int port, Path keyStore, String password) {
        return """
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                                <protocols>
                                    <protocol>TLSv1.3</protocol>
                                    <protocol>TLSv1.2</protocol>
                                </protocols>
                            </tls>
                        </tls-tcp-listener>
                """.formatted(port, host, keyStore.toAbsolutePath(), password, password);
    }

    /**
     * The configured persistence, unless the system property {@code gridstation.broker.persistence}
     * ({@code file} or {@code in-memory}) overrides it — for benchmarks that compare the two without
     * editing the gateway's config (see docs/scaling.md).
     */
    static String persistenceMode(Persistence configured) {
        String override = System.getProperty("gridstation.broker.persistence");
        if (override == null) {
            return configured.value();
        }
        try {
            return Persistence.of(override).value();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gridstation.broker.persistence " + e.getMessage(), e);
        }
    }

    static String configXml(String host, int port, String extraListeners, String persistenceMode) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                %s    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                        <shared-subscriptions>
                            <enabled>true</enabled>
                        </shared-subscriptions>
                    </mqtt>
                    <persistence>
                        <mode>%s</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, host, extraListeners, MAX_QUEUE, RECEIVE_MAXIMUM, persistenceMode);
    }

    private static int freePort(String host) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    private static void closeQuietly(EmbeddedHiveMQ h) {
        try {
            h.close();
        } catch (Exception e) {
            log.debug("closing HiveMQ: {}", e.toString());
        }
    }
}
