package org.gridstation.firmware;

import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.downlink.PublicKeys;

/**
 * What one station's bundle is made from, validated on construction.
 *
 * @param stationId the station id (a slug)
 * @param stationName its display name (only written into comments)
 * @param mqttHost the gateway's broker host name or IP address, as the Pi reaches it
 * @param mqttPort the broker's port
 * @param board the Raspberry Pi model
 * @param keys the town's badge public keys, seeded so the kiosk verifies badges before its first connection
 * @param zone the town's time zone
 * @param rotation display rotation in degrees: 0 or 180 (the 7-inch touchscreen's touch layer follows only these)
 * @param townCa the town's root certificate (PEM) when the gateway's broker speaks TLS: the kiosk
 *     then connects with {@code ssl://} and trusts only this root
 */
public record StationSpec(String stationId, String stationName, String mqttHost, int mqttPort, Board board,
        PublicKeys keys, ZoneId zone, int rotation, Optional<String> townCa) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}|\\[[0-9A-Fa-f:]+]|[0-9A-Fa-f:]*:[0-9A-Fa-f:]*");

    public StationSpec {
        Ids.require(stationId, "stationId");
        if (stationName == null || stationName.isBlank() || stationName.chars().anyMatch(Character::isISOControl)
                || stationName.contains("${")) {
            throw new IllegalArgumentException("stationName must be one line of text");
        }
        if (mqttHost == null || !HOST.matcher(mqttHost).matches()) {
            throw new IllegalArgumentException("mqttHost must be a host name or an IP address, was '" + mqttHost + "'");
        }
        mqttHost = mqttHost.startsWith("[") ? mqttHost.substring(1, mqttHost.length() - 1) : mqttHost;
        if (mqttPort < 1 || mqttPort > 65535) {
            throw new IllegalArgumentException("mqttPort must be 1-65535, was " + mqttPort);
        }
        Ids.notNull(board, "board");
        Ids.notNull(keys, "keys");
        if (keys.keys().isEmpty()) {
            throw new IllegalArgumentException("keys must hold at least one badge public key");
        }
        Ids.notNull(zone, "zone");
        if (rotation != 0 && rotation != 180) {
            throw new IllegalArgumentException("rotation must be 0 or 180, was " + rotation);
        }
        townCa = townCa == null ? Optional.empty() : townCa;
        townCa.ifPresent(pem -> {
            if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw new IllegalArgumentException("townCa must be a PEM certificate (the gateway's tls/ca.crt)");
            }
        });
    }

    /** A station on a broker without TLS. */
    public StationSpec(String stationId, String stationName, String mqttHost, int mqttPort, Board board,
            PublicKeys keys, ZoneId zone, int rotation) {
        this(stationId, stationName, mqttHost, mqttPort, board, keys, zone, rotation, Optional.empty());
    }

    /** The same station, connecting over TLS and trusting {@code caPem}. */
    public StationSpec withTownCa(String caPem) {
        return new StationSpec(stationId, stationName, mqttHost, mqttPort, board, keys, zone, rotation, Optional.of(caPem));
    }

    /**
     * The kiosk's {@code mqtt.uri}, e.g. {@code tcp://gateway.lan:1883}, or {@code ssl://gateway.lan:8883}
     * with a town CA (IPv6 in brackets).
     */
    public String mqttUri() {
        String host = mqttHost.contains(":") ? "[" + mqttHost + "]" : mqttHost;
        return (townCa.isPresent() ? "ssl://" : "tcp://") + host + ":" + mqttPort;
    }
}
