package org.gridstation.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.gridstation.firmware.mosquitto.MosquittoPassword;
import org.gridstation.firmware.mosquitto.StationAcl;
import org.gridstation.gateway.credential.InternalCredential;
import org.gridstation.gateway.credential.StationCredentials;
import org.gridstation.gateway.store.PrivateFiles;
import org.gridstation.protocol.Topics;

/**
 * {@code ./gridstation mosquitto-auth --data DIR --passwd FILE --acl FILE}: writes a Mosquitto 2
 * password file and ACL file from the gateway's database — every station with a live credential
 * (revoked ones are left out) and the gateway's internal user with full rights on {@code gs/v1/#}
 * — so an external Mosquitto enforces the rules the embedded broker does. Both files are replaced
 * whole (written beside, then renamed), owner-only; reload Mosquitto afterwards.
 */
final class MosquittoAuthCommand {
    private MosquittoAuthCommand() {
    }

    /** What was written. */
    record Written(int stations, Path passwd, Path acl) {
    }

    static int run(List<String> args) throws IOException {
        Flags flags = Flags.parse(args, Set.of("data", "config", "passwd", "acl"));
        GatewayStore gateway = GatewayStore.of(flags, "mosquitto-auth");
        Path passwd = flags.path("passwd").orElseThrow(() -> new Flags.UsageException("mosquitto-auth needs --passwd FILE"));
        Path acl = flags.path("acl").orElseThrow(() -> new Flags.UsageException("mosquitto-auth needs --acl FILE"));
        Written w = write(gateway, passwd, acl);
        System.out.printf("Mosquitto password file %s and ACL file %s written: %d station(s) with a live credential,"
                + " plus user %s (the gateway).%n", w.passwd(), w.acl(), w.stations(), InternalCredential.USERNAME);
        System.out.printf("Make them readable by Mosquitto's user and reload it: systemctl reload mosquitto%n");
        return 0;
    }

    static Written write(Path data, Path passwd, Path acl) throws IOException {
        return write(GatewayStore.sqlite(data), passwd, acl);
    }

    static Written write(GatewayStore gateway, Path passwd, Path acl) throws IOException {
        List<StationCredentials.Live> live = gateway.withCredentials(StationCredentials::live);
        InternalCredential internal = InternalCredential.loadOrCreate(gateway.dataDir());
        StringBuilder p = new StringBuilder();
        StringBuilder a = new StringBuilder("# written by ./gridstation mosquitto-auth from the gateway's database; do not edit\n\n");
        p.append(MosquittoPassword.line(internal.username(), internal.password(), new SecureRandom())).append('\n');
        a.append("user ").append(internal.username()).append('\n').append("topic readwrite ").append(Topics.ROOT).append("/#\n");
        for (StationCredentials.Live c : live) {
            p.append(MosquittoPassword.hashLine(c.username(), c.passwordHash())).append('\n');
            a.append('\n').append(StationAcl.stanza(c.stationId()));
        }
        replace(passwd, p.toString());
        replace(acl, a.toString());
        return new Written(live.size(), passwd, acl);
    }

    private static void replace(Path file, String content) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        PrivateFiles.create(tmp);
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
