package org.gridstation.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.gridstation.firmware.Board;
import org.gridstation.firmware.Bundle;
import org.gridstation.firmware.BundleGenerator;
import org.gridstation.firmware.StationSpec;
import org.gridstation.firmware.gateway.GatewayData;

/**
 * {@code ./gridstation provision --data GATEWAY_DATA_DIR --station ID --board pi4|pi5
 * --mqtt-host HOST [--mqtt-port 1883|8883] [--zone Asia/Shanghai] [--rotate 0|180] [--plain-mqtt true] --out DIR}:
 * writes one station's bundle from the gateway's data, starting nothing (the database is read
 * read-only). When the gateway has made its town's certificates ({@code <data>/tls/ca.crt}), the
 * station connects over TLS (port 8883 unless given) and the bundle carries the root certificate.
 * Every run makes a new MQTT password, whose hash it stores as the station's credential in the
 * gateway's database (revoking the one before), so {@code --out} must be a new or empty folder.
 */
final class ProvisionCommand {
    private static final Set<String> FLAGS = Set.of("data", "config", "station", "board", "mqtt-host", "mqtt-port", "zone",
            "rotate", "out", "plain-mqtt");

    private ProvisionCommand() {
    }

    static int run(List<String> args) throws Exception {
        Flags flags = Flags.parse(args, FLAGS);
        GatewayStore store = GatewayStore.of(flags, "provision");
        Path data = store.dataDir();
        String stationId = required(flags, "station", "ID").orElseThrow();
        Board board = board(required(flags, "board", "pi4|pi5").orElseThrow());
        String mqttHost = required(flags, "mqtt-host", "HOST").orElseThrow();
        // a gateway that made its town's certificates (https.port or mqtt.tls.port set) gets TLS stations
        Path townCa = data.resolve("tls").resolve("ca.crt");
        boolean tls = Files.isRegularFile(townCa) && !flags.string("plain-mqtt").map(Boolean::parseBoolean).orElse(false);
        int mqttPort = flags.integer("mqtt-port", tls ? 8883 : 1883, 1, 65535);
        int rotation = flags.integer("rotate", 0, 0, 180);
        ZoneId zone = zone(flags.string("zone").orElse("Asia/Shanghai"));
        Path out = required(flags, "out", "DIR").map(Path::of).orElseThrow();
        requireEmpty(out);

        GatewayData gateway = store.data();
        GatewayData.Station station = gateway.station(stationId).orElseThrow(() -> new IllegalArgumentException(
                "the gateway has no station '" + stationId + "' (it has: " + String.join(", ", gateway.stationIds()) + ")"));
        StationSpec spec = new StationSpec(station.id(), station.name(), mqttHost, mqttPort, board,
                gateway.publicKeys(zone), zone, rotation);
        if (tls) {
            spec = spec.withTownCa(Files.readString(townCa, java.nio.charset.StandardCharsets.US_ASCII));
        }
        Bundle bundle = new BundleGenerator(new SecureRandom()).write(spec, out);
        // the gateway's embedded broker accepts the bundle's password from now on (and no older one)
        store.withCredentials(c -> {
            c.adopt(station.id(), bundle.mqttPasswordHash());
            return null;
        });

        System.out.printf("Bundle for station %s (%s) written to %s%n", station.id(), board.wire(), out.toAbsolutePath());
        System.out.printf("- MQTT: %s%s%n", spec.mqttUri(), tls ? " (TLS, trusting the town's root ca.crt in the bundle)"
                : " (no TLS: the gateway has no town certificates; set mqtt.tls.port and start it once to make them)");
        System.out.printf("- on the Pi: copy the folder and run  sudo ./install.sh  (see its README.txt)%n");
        System.out.printf("- the gateway's embedded broker accepts its MQTT user %s now (any older password is revoked)%n",
                bundle.mqttUsername());
        System.out.printf("- with an external Mosquitto: ./gridstation mosquitto-auth --data %s --passwd FILE --acl FILE,"
                + " then reload it%n", data);
        System.out.printf("The folder holds the station's MQTT password: keep it private.%n");
        return 0;
    }

    private static java.util.Optional<String> required(Flags flags, String name, String what) {
        if (flags.string(name).isEmpty()) {
            throw new Flags.UsageException("provision needs --" + name + " " + what);
        }
        return flags.string(name);
    }

    private static Board board(String value) {
        try {
            return Board.parse(value);
        } catch (IllegalArgumentException e) {
            throw new Flags.UsageException("--board must be pi4 or pi5, not '" + value + "'");
        }
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new Flags.UsageException("--zone is not a time zone: '" + value + "'");
        }
    }

    private static void requireEmpty(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " exists and is not a folder");
        }
        try (Stream<Path> entries = Files.list(out)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException(out + " is not empty; a new bundle means a new MQTT password, so"
                        + " write it to a new folder");
            }
        }
    }
}
