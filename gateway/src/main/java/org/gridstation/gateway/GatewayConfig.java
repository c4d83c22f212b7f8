package org.gridstation.gateway;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.gridstation.gateway.broker.EmbeddedBroker;
import org.gridstation.gateway.store.Dialect;
import org.gridstation.gateway.store.StoreSettings;
import org.gridstation.gateway.tls.TlsSettings;
import org.gridstation.protocol.Ids;

/**
 * Everything a gateway needs to start, validated on construction.
 *
 * @param dataDir where the store, keys, broker data and badge images live
 * @param httpHost the web server's bind address
 * @param httpPort the web server's port; 0 picks a free one
 * @param broker embedded HiveMQ or an external broker
 * @param mqttHost the embedded broker's bind address
 * @param mqttPort the embedded broker's port; 0 picks a free one
 * @param externalBrokerUri the external broker, e.g. {@code tcp://127.0.0.1:1883}; required for EXTERNAL
 * @param sharedGroup when present, subscribe with {@code $share/{group}/…} so instances split the ingest
 * @param instanceId this gateway instance; the MQTT client id is {@code gateway-{instanceId}}
 * @param heartbeatTimeout a station with nothing heard for this long is offline
 * @param zone the town's time zone (shifts, "today")
 * @param townName the town's display name
 * @param publicBaseUrl how villagers' phones reach this gateway; derived from host and port if absent
 * @param tls the HTTPS and MQTT-over-TLS listeners, if any
 * @param store SQLite in the data directory (the default) or a county's PostgreSQL
 * @param brokerPersistence where the embedded broker keeps sessions, queued and retained messages
 *     ({@code mqtt.broker.persistence}: {@code in-memory}, the default, or {@code file}; see
 *     {@link EmbeddedBroker.Persistence})
 */
public record GatewayConfig(
        Path dataDir,
        String httpHost,
        int httpPort,
        BrokerMode broker,
        String mqttHost,
        int mqttPort,
        Optional<String> externalBrokerUri,
        Optional<String> sharedGroup,
        String instanceId,
        Duration heartbeatTimeout,
        ZoneId zone,
        String townName,
        Optional<String> publicBaseUrl,
        TlsSettings tls,
        StoreSettings store,
        EmbeddedBroker.Persistence brokerPersistence) {

    /** The keys {@link #load(Path)} understands. */
    public static final Set<String> KEYS = Set.of(
            "data.dir", "http.host", "http.port", "mqtt.broker", "mqtt.host", "mqtt.port",
            "mqtt.external.uri", "mqtt.shared.group", "instance.id", "heartbeat.timeout.seconds",
            "town.zone", "town.name", "public.base.url", "https.port", "mqtt.tls.port", "tls.hosts",
            "store", "store.url", "store.user", "store.password.file", "store.schema", "store.pool.size",
            "mqtt.broker.persistence");

    public GatewayConfig {
        Objects.requireNonNull(dataDir, "dataDir is required");
        dataDir = dataDir.toAbsolutePath().normalize();
        requireText(httpHost, "httpHost");
        requirePort(httpPort, "httpPort");
        Objects.requireNonNull(broker, "broker is required");
        requireText(mqttHost, "mqttHost");
        requirePort(mqttPort, "mqttPort");
        externalBrokerUri = externalBrokerUri == null ? Optional.empty() : externalBrokerUri.filter(s -> !s.isBlank());
        externalBrokerUri.ifPresent(uri -> {
            if (!uri.matches("(tcp|ssl)://[^\\s/]+:\\d{1,5}")) {
                throw new IllegalArgumentException("externalBrokerUri must look like tcp://host:port, got '" + uri + "'");
            }
        });
        if (broker == BrokerMode.EXTERNAL && externalBrokerUri.isEmpty()) {
            throw new IllegalArgumentException("externalBrokerUri is required when broker is EXTERNAL");
        }
        sharedGroup = sharedGroup == null ? Optional.empty() : sharedGroup.filter(s -> !s.isBlank());
        sharedGroup.ifPresent(g -> Ids.require(g, "sharedGroup"));
        Ids.require(instanceId, "instanceId");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout is required");
        if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) {
            throw new IllegalArgumentException("heartbeatTimeout must be positive");
        }
        Objects.requireNonNull(zone, "zone is required");
        requireText(townName, "townName");
        publicBaseUrl = publicBaseUrl == null ? Optional.empty() : publicBaseUrl.filter(s -> !s.isBlank()).map(GatewayConfig::stripSlash);
        publicBaseUrl.ifPresent(u -> {
            if (!u.startsWith("http://") && !u.startsWith("https://")) {
                throw new IllegalArgumentException("publicBaseUrl must start with http:// or https://");
            }
        });
        tls = tls == null ? TlsSettings.off() : tls;
        store = store == null ? StoreSettings.sqlite() : store;
        brokerPersistence = brokerPersistence == null ? EmbeddedBroker.Persistence.IN_MEMORY : brokerPersistence;
    }

    /** The defaults: embedded broker on 1883, web on 8080, Asia/Shanghai, 90 s heartbeat timeout. */
    public static GatewayConfig defaults(Path dataDir) {
        return new GatewayConfig(dataDir, "0.0.0.0", 8080, BrokerMode.EMBEDDED, "0.0.0.0", 1883,
                Optional.empty(), Optional.empty(), "main", Duration.ofSeconds(90),
                ZoneId.of("Asia/Shanghai"), "青溪镇", Optional.empty(), TlsSettings.off(), StoreSettings.sqlite(),
                EmbeddedBroker.Persistence.IN_MEMORY);
    }

    public GatewayConfig withHttpPort(int port) {
        return new GatewayConfig(dataDir, httpHost, port, broker, mqttHost, mqttPort, externalBrokerUri,
                sharedGroup, instanceId, heartbeatTimeout, zone, townName, publicBaseUrl, tls, store, brokerPersistence);
    }

    public GatewayConfig withMqttPort(int port) {
        return new GatewayConfig(dataDir, httpHost, httpPort, broker, mqttHost, port, externalBrokerUri,
                sharedGroup, instanceId, heartbeatTimeout, zone, townName, publicBaseUrl, tls, store, brokerPersistence);
    }

    /** An external broker at {@code uri} instead of the embedded one. */
    public GatewayConfig withExternalBroker(String uri) {
        return new GatewayConfig(dataDir, httpHost, httpPort, BrokerMode.EXTERNAL, mqttHost, mqttPort,
                Optional.of(uri), sharedGroup, instanceId, heartbeatTimeout, zone, townName, publicBaseUrl, tls, store, brokerPersistence);
    }

    /** HTTPS and MQTT over TLS as {@code settings} say. */
    public GatewayConfig withTls(TlsSettings settings) {
        return new GatewayConfig(dataDir, httpHost, httpPort, broker, mqttHost, mqttPort, externalBrokerUri,
                sharedGroup, instanceId, heartbeatTimeout, zone, townName, publicBaseUrl, settings, store, brokerPersistence);
    }

    /** The store {@code settings} choose instead of SQLite. */
    public GatewayConfig withStore(StoreSettings settings) {
        return new GatewayConfig(dataDir, httpHost, httpPort, broker, mqttHost, mqttPort, externalBrokerUri,
                sharedGroup, instanceId, heartbeatTimeout, zone, townName, publicBaseUrl, tls, settings, brokerPersistence);
    }

    /** The embedded broker's persistence as {@code persistence} says. */
    public GatewayConfig withBrokerPersistence(EmbeddedBroker.Persistence persistence) {
        return new GatewayConfig(dataDir, httpHost, httpPort, broker, mqttHost, mqttPort, externalBrokerUri,
                sharedGroup, instanceId, heartbeatTimeout, zone, townName, publicBaseUrl, tls, store, persistence);
    }

    public GatewayConfig withHeartbeatTimeout(Duration timeout) {
        return new GatewayConfig(dataDir, httpHost, httpPort, broker, mqttHost, mqttPort, externalBrokerUri,
                sharedGroup, instanceId, timeout, zone, townName, publicBaseUrl, tls, store, brokerPersistence);
    }

    public GatewayConfig withSharedGroup(String group) {
        return new GatewayConfig(dataDir, httpHost, httpPort, broker, mqttHost, mqttPort, externalBrokerUri,
                Optional.ofNullable(group), instanceId, heartbeatTimeout, zone, townName, publicBaseUrl, tls, store, brokerPersistence);
    }

    public GatewayConfig withInstanceId(String id) {
        return new GatewayConfig(dataDir, httpHost, httpPort, broker, mqttHost, mqttPort, externalBrokerUri,
                sharedGroup, id, heartbeatTimeout, zone, townName, publicBaseUrl, tls, store, brokerPersistence);
    }

    /**
     * Reads a {@code .properties} file (UTF-8). A relative {@code data.dir} is resolved against the
     * file's folder; keys left out keep their {@link #defaults(Path) defaults}.
     *
     * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
     * @throws IOException if the file cannot be read
     */
    public static GatewayConfig load(Path propertiesFile) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + propertiesFile
                        + " (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        Path base = propertiesFile.toAbsolutePath().getParent();
        Path dataDir = base.resolve(value(p, "data.dir").orElse("data"));
        GatewayConfig d = defaults(dataDir);
        try {
            return new GatewayConfig(
                    dataDir,
                    value(p, "http.host").orElse(d.httpHost()),
                    intValue(p, "http.port").orElse(d.httpPort()),
                    value(p, "mqtt.broker").map(GatewayConfig::brokerMode).orElse(d.broker()),
                    value(p, "mqtt.host").orElse(d.mqttHost()),
                    intValue(p, "mqtt.port").orElse(d.mqttPort()),
                    value(p, "mqtt.external.uri"),
                    value(p, "mqtt.shared.group"),
                    value(p, "instance.id").orElse(d.instanceId()),
                    intValue(p, "heartbeat.timeout.seconds").map(s -> Duration.ofSeconds(s)).orElse(d.heartbeatTimeout()),
                    value(p, "town.zone").map(GatewayConfig::zoneValue).orElse(d.zone()),
                    value(p, "town.name").orElse(d.townName()),
                    value(p, "public.base.url"),
                    new TlsSettings(intValue(p, "https.port"), intValue(p, "mqtt.tls.port"),
                            value(p, "tls.hosts").map(v -> List.of(v.split("\\s*,\\s*"))).orElse(List.of())),
                    storeSettings(p, base),
                    value(p, "mqtt.broker.persistence").map(GatewayConfig::persistenceValue).orElse(d.brokerPersistence()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(propertiesFile + ": " + e.getMessage(), e);
        }
    }

    /** Where villagers' phones reach this gateway, without a trailing slash. */
    public String baseUrl(int actualHttpPort) {
        return publicBaseUrl.orElseGet(() -> {
            String host = "0.0.0.0".equals(httpHost) || "::".equals(httpHost) ? "127.0.0.1" : httpHost;
            return "http://" + host + ":" + actualHttpPort;
        });
    }

    private static EmbeddedBroker.Persistence persistenceValue(String v) {
        try {
            return EmbeddedBroker.Persistence.of(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mqtt.broker.persistence " + e.getMessage(), e);
        }
    }

    private static StoreSettings storeSettings(Properties p, Path base) throws IOException {
        Dialect dialect = value(p, "store").map(GatewayConfig::dialect).orElse(Dialect.SQLITE);
        Optional<String> password = Optional.empty();
        Optional<String> file = value(p, "store.password.file");
        if (file.isPresent()) {
            // a file readable by the gateway's user only, so the password is not in this file
            password = Optional.of(Files.readString(base.resolve(file.get()), StandardCharsets.UTF_8).strip());
        }
        return new StoreSettings(dialect, value(p, "store.url"), value(p, "store.user"), password,
                value(p, "store.schema"), intValue(p, "store.pool.size").orElse(dialect == Dialect.SQLITE ? 4 : 8));
    }

    private static Dialect dialect(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> Dialect.SQLITE;
            case "postgresql", "postgres" -> Dialect.POSTGRESQL;
            default -> throw new IllegalArgumentException("store must be sqlite or postgresql, got '" + v + "'");
        };
    }

    private static Optional<String> value(Properties p, String key) {
        return Optional.ofNullable(p.getProperty(key)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Optional<Integer> intValue(Properties p, String key) {
        return value(p, key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
            }
        });
    }

    private static BrokerMode brokerMode(String v) {
        try {
            return BrokerMode.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mqtt.broker must be embedded or external, got '" + v + "'");
        }
    }

    private static ZoneId zoneValue(String v) {
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("town.zone is not a time zone: '" + v + "'");
        }
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }

    private static void requirePort(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0-65535, got " + port);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
