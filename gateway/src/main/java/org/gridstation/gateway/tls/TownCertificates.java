package org.gridstation.gateway.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gridstation.gateway.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The town's TLS files in {@code <data>/tls/}: {@code ca.crt} (the root every station and browser
 * trusts; public), {@code ca.key} (owner-only), {@code gateway.crt} (the server certificate
 * followed by the root) and {@code gateway.key} (owner-only). {@link #ensure} creates what is
 * missing and renews the server certificate when it expires within {@link #RENEW_BEFORE} or no
 * longer covers the configured host names; the root is kept, so stations need nothing new.
 */
public final class TownCertificates {
    public static final String FOLDER = "tls";
    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String SERVER_CERT = "gateway.crt";
    public static final String SERVER_KEY = "gateway.key";
    /** A server certificate this close to its end is renewed at the next start. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Logger log = LoggerFactory.getLogger(TownCertificates.class);

    private final Path dir;
    private final CertificateAuthority ca;
    private final ServerIdentity server;

    private TownCertificates(Path dir, CertificateAuthority ca, ServerIdentity server) {
        this.dir = dir;
        this.ca = ca;
        this.server = server;
    }

    /**
     * Loads the town's certificates from {@code <dataDir>/tls}, creating the root and the server
     * certificate where missing, and renewing the server certificate where needed.
     *
     * @param hosts the DNS names and addresses stations and browsers use to reach the gateway
     */
    public static TownCertificates ensure(Path dataDir, String townName, List<String> hosts, Clock clock) throws IOException {
        Path dir = dataDir.resolve(FOLDER);
        PrivateFiles.directory(dir);
        Instant now = clock.instant();
        CertificateAuthority ca;
        if (Files.exists(dir.resolve(CA_CERT)) != Files.exists(dir.resolve(CA_KEY))) {
            // never replace a root that stations trust because its other half went missing
            throw new IOException(dir + " holds only one of " + CA_CERT + " and " + CA_KEY
                    + "; restore the other from a backup (a new root would need a new ca.crt on every station)");
        }
        if (Files.exists(dir.resolve(CA_CERT))) {
            ca = new CertificateAuthority(PemFiles.readCertificates(dir.resolve(CA_CERT)).get(0), PemFiles.readPrivateKey(dir.resolve(CA_KEY)));
        } else {
            ca = CertificateAuthority.create(townName, now);
            PemFiles.writePrivateKey(dir.resolve(CA_KEY), ca.key());
            PemFiles.writeCertificates(dir.resolve(CA_CERT), List.of(ca.certificate()));
            log.info("created the town's certificate authority {} (valid until {})", dir.resolve(CA_CERT),
                    ca.certificate().getNotAfter().toInstant());
        }
        ServerIdentity server = null;
        if (Files.exists(dir.resolve(SERVER_CERT)) && Files.exists(dir.resolve(SERVER_KEY))) {
            var chain = PemFiles.readCertificates(dir.resolve(SERVER_CERT));
            server = new ServerIdentity(chain.get(0), PemFiles.readPrivateKey(dir.resolve(SERVER_KEY)), ca.certificate());
            String why = renewalReason(server, ca, hosts, now);
            if (why != null) {
                log.info("renewing the gateway's server certificate: {}", why);
                server = null;
            }
        }
        if (server == null) {
            server = ca.issueServer(hosts, now);
            PemFiles.writePrivateKey(dir.resolve(SERVER_KEY), server.key());
            PemFiles.writeCertificates(dir.resolve(SERVER_CERT), List.of(server.certificate(), ca.certificate()));
            log.info("issued the gateway's server certificate for {} (valid until {})", hosts, server.notAfter());
        }
        return new TownCertificates(dir, ca, server);
    }

    private static String renewalReason(ServerIdentity server, CertificateAuthority ca, List<String> hosts, Instant now) {
        try {
            server.certificate().verify(ca.certificate().getPublicKey());
        } catch (Exception e) {
            return "it was not signed by the town's current root";
        }
        if (server.notAfter().isBefore(now.plus(RENEW_BEFORE))) {
            return "it expires on " + server.notAfter();
        }
        Set<String> covered = new LinkedHashSet<>(server.hosts());
        if (!covered.containsAll(hosts)) {
            return "it covers " + covered + ", not all of " + hosts;
        }
        return null;
    }

    /**
     * The names a gateway is reached by when none are configured: this machine's host name,
     * {@code localhost}, and every address of its network interfaces.
     */
    public static List<String> defaultHosts() {
        Set<String> hosts = new LinkedHashSet<>();
        try {
            hosts.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            log.debug("no local host name: {}", e.toString());
        }
        hosts.add("localhost");
        hosts.add("127.0.0.1");
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(n.getInetAddresses())) {
                    if (!a.isLinkLocalAddress()) {
                        String text = a.getHostAddress();
                        int zone = text.indexOf('%');
                        hosts.add(zone < 0 ? text : text.substring(0, zone));
                    }
                }
            }
        } catch (SocketException e) {
            log.debug("cannot list network interfaces: {}", e.toString());
        }
        return List.copyOf(hosts);
    }

    /** The folder holding the files. */
    public Path folder() {
        return dir;
    }

    /** The root's certificate file, {@code ca.crt}: what stations and browsers install. */
    public Path caFile() {
        return dir.resolve(CA_CERT);
    }

    public CertificateAuthority authority() {
        return ca;
    }

    public ServerIdentity server() {
        return server;
    }
}
