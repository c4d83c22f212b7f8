package org.gridstation.firmware;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.gridstation.protocol.Schema;
import org.gridstation.protocol.downlink.PublicKeys;

/** Fixed inputs, so generated bundles are byte-identical from run to run. */
public final class Fixtures {
    public static final String PUBLIC_KEY = "MCowBQYDK2VwAyEA/TblrlcPDgZM5i3CO3rEengNQul5RfEa2sRY0qryoNU=";

    private Fixtures() {
    }

    public static PublicKeys keys() {
        return new PublicKeys(Schema.VERSION,
                List.of(new PublicKeys.Key("k20261123", "Ed25519", PUBLIC_KEY, Instant.parse("2036-11-22T16:00:00Z"))),
                Instant.parse("2026-11-23T08:00:00Z"));
    }

    /** The Pi 4's bundle is for a broker without TLS, the Pi 5's for one with the town's CA on 8883. */
    public static StationSpec spec(Board board) {
        if (board == Board.PI5) {
            return new StationSpec("qingxi-hexing", "河兴村党群服务站", "gateway.lan", 8883, board, keys(),
                    ZoneId.of("Asia/Shanghai"), 0).withTownCa(townCa());
        }
        return new StationSpec("qingxi-hexing", "河兴村党群服务站", "gateway.lan", 1883, board, keys(),
                ZoneId.of("Asia/Shanghai"), 0);
    }

    /** A town root certificate made once with openssl (its key was thrown away). */
    public static String townCa() {
        try (var in = Fixtures.class.getResourceAsStream("/fixtures/town-ca.crt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static StationSpec spec(String stationId, String host, int port) {
        return new StationSpec(stationId, "测试站 " + stationId, host, port, Board.PI4, keys(), ZoneId.of("Asia/Shanghai"), 0);
    }

    /** A generator whose password and salt are the same on every run. */
    public static BundleGenerator fixedGenerator() {
        return new BundleGenerator(new Random(20261123L));
    }
}
