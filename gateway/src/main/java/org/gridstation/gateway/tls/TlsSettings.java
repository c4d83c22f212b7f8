package org.gridstation.gateway.tls;

import java.util.List;
import java.util.Optional;

/**
 * Where the gateway speaks TLS. With neither port set, the gateway serves plain HTTP and MQTT
 * only (the demo's default); with either, it keeps its town's certificates in {@code <data>/tls/}.
 *
 * @param httpsPort the HTTPS listener's port (0 picks a free one); when set, sign-in and every
 *     signed-in page and API call are only served over HTTPS, and plain HTTP keeps only the public
 *     pages (villagers' ticket and station pages, Open311 reads, calendar feeds, {@code /healthz})
 * @param mqttTlsPort the embedded broker's MQTT-over-TLS listener's port (0 picks a free one)
 * @param hosts the names and addresses the server certificate covers; empty means
 *     {@link TownCertificates#defaultHosts()}
 */
public record TlsSettings(Optional<Integer> httpsPort, Optional<Integer> mqttTlsPort, List<String> hosts) {
    public TlsSettings {
        httpsPort = httpsPort == null ? Optional.empty() : httpsPort;
        mqttTlsPort = mqttTlsPort == null ? Optional.empty() : mqttTlsPort;
        httpsPort.ifPresent(p -> requirePort(p, "https.port"));
        mqttTlsPort.ifPresent(p -> requirePort(p, "mqtt.tls.port"));
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        for (String h : hosts) {
            if (h.isBlank() || h.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("tls.hosts must be names or addresses separated by commas, got '" + h + "'");
            }
        }
    }

    /** No TLS at all. */
    public static TlsSettings off() {
        return new TlsSettings(Optional.empty(), Optional.empty(), List.of());
    }

    /** True if either listener speaks TLS. */
    public boolean enabled() {
        return httpsPort.isPresent() || mqttTlsPort.isPresent();
    }

    /** The configured hosts, or the machine's own names and addresses. */
    public List<String> hostsOrDefault() {
        return hosts.isEmpty() ? TownCertificates.defaultHosts() : hosts;
    }

    private static void requirePort(int port, String key) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + " must be 0-65535, got " + port);
        }
    }
}
