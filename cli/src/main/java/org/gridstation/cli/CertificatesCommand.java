package org.gridstation.cli;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.gridstation.gateway.tls.TownCertificates;

/**
 * {@code ./gridstation certificates --data DIR [--hosts NAME,ADDRESS,…] [--town NAME]}: makes the
 * town's root and the gateway's server certificate in {@code <data>/tls/} ahead of the first start
 * (the gateway makes them itself when {@code https.port} or {@code mqtt.tls.port} is set), or
 * renews the server certificate for new host names. The root is never replaced.
 */
final class CertificatesCommand {
    private CertificatesCommand() {
    }

    static int run(List<String> args) throws Exception {
        Flags flags = Flags.parse(args, Set.of("data", "hosts", "town"));
        Path data = flags.path("data").orElseThrow(() -> new Flags.UsageException("certificates needs --data DIR"));
        List<String> hosts = flags.string("hosts").map(h -> List.of(h.split("\\s*,\\s*"))).orElseGet(TownCertificates::defaultHosts);
        TownCertificates c = TownCertificates.ensure(data, flags.string("town").orElse("GridStation"), hosts, Clock.systemUTC());
        System.out.printf("Town root certificate: %s (valid until %s)%n", c.caFile(),
                c.authority().certificate().getNotAfter().toInstant());
        System.out.printf("  SHA-256 fingerprint: %s%n", fingerprint(c.authority().certificate().getEncoded()));
        System.out.printf("Gateway certificate:   %s for %s (valid until %s)%n",
                c.folder().resolve(TownCertificates.SERVER_CERT), c.server().hosts(), c.server().notAfter());
        System.out.printf("Install %s in the command centre's browsers; every station bundle carries it.%n",
                c.caFile().getFileName());
        return 0;
    }

    private static String fingerprint(byte[] der) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(der);
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
    }
}
