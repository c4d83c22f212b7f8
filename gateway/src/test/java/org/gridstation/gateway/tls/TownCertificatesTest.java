package org.gridstation.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TownCertificatesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");

    @TempDir
    Path data;

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    @Test
    void theServerCertificate_chainsToTheTownsRootForItsHosts() throws Exception {
        TownCertificates c = TownCertificates.ensure(data, "青溪镇", List.of("gateway.qingxi", "192.168.1.10"), at(NOW));
        X509Certificate server = c.server().certificate();
        validate(server, c.authority().certificate(), NOW.plus(Duration.ofDays(400)));
        assertEquals(List.of("gateway.qingxi", "192.168.1.10"), c.server().hosts());
        assertTrue(server.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
        assertEquals(-1, server.getBasicConstraints(), "not a CA");
        assertEquals(0, c.authority().certificate().getBasicConstraints(), "the root signs only end certificates");
        assertTrue(c.authority().certificate().getSubjectX500Principal().getName().contains("青溪镇"));
        // the files on disk say the same: gateway.crt is the server certificate then the root
        List<X509Certificate> chain = PemFiles.readCertificates(data.resolve("tls/gateway.crt"));
        assertEquals(List.of(server, c.authority().certificate()), chain);
        assertEquals(c.authority().certificate(), PemFiles.readCertificates(data.resolve("tls/ca.crt")).get(0));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("tls"))));
    }

    @Test
    void aCertificateFromAnotherTown_doesNotValidate() throws Exception {
        TownCertificates ours = TownCertificates.ensure(data, "青溪镇", List.of("localhost"), at(NOW));
        CertificateAuthority other = CertificateAuthority.create("别的镇", NOW);
        ServerIdentity forged = other.issueServer(List.of("localhost"), NOW);
        assertThrows(CertPathValidatorException.class,
                () -> validate(forged.certificate(), ours.authority().certificate(), NOW.plusSeconds(60)));
    }

    @Test
    void aSecondStart_keepsBothCertificates() throws Exception {
        TownCertificates first = TownCertificates.ensure(data, "青溪镇", List.of("localhost"), at(NOW));
        TownCertificates again = TownCertificates.ensure(data, "青溪镇", List.of("localhost"), at(NOW.plus(Duration.ofDays(100))));
        assertEquals(first.authority().certificate(), again.authority().certificate());
        assertEquals(first.server().certificate(), again.server().certificate());
    }

    @Test
    void aNewHostName_orANearEnd_renewsTheServerCertificateUnderTheSameRoot() throws Exception {
        TownCertificates first = TownCertificates.ensure(data, "青溪镇", List.of("localhost"), at(NOW));
        TownCertificates moved = TownCertificates.ensure(data, "青溪镇", List.of("localhost", "10.0.0.5"), at(NOW));
        assertEquals(first.authority().certificate(), moved.authority().certificate());
        assertNotEquals(first.server().certificate(), moved.server().certificate());
        assertEquals(List.of("localhost", "10.0.0.5"), moved.server().hosts());

        Instant nearEnd = moved.server().notAfter().minus(Duration.ofDays(10));
        TownCertificates renewed = TownCertificates.ensure(data, "青溪镇", List.of("localhost", "10.0.0.5"), at(nearEnd));
        assertNotEquals(moved.server().certificate(), renewed.server().certificate());
        assertTrue(renewed.server().notAfter().isAfter(nearEnd.plus(Duration.ofDays(800))));
        validate(renewed.server().certificate(), first.authority().certificate(), nearEnd.plus(Duration.ofDays(20)));
    }

    @Test
    void aRootWithoutItsKey_isNeverReplacedSilently() throws Exception {
        TownCertificates.ensure(data, "青溪镇", List.of("localhost"), at(NOW));
        String root = Files.readString(data.resolve("tls/ca.crt"));
        Files.delete(data.resolve("tls/ca.key"));
        assertThrows(java.io.IOException.class, () -> TownCertificates.ensure(data, "青溪镇", List.of("localhost"), at(NOW)));
        assertEquals(root, Files.readString(data.resolve("tls/ca.crt")));
    }

    @Test
    void theKeyStore_holdsTheKeyWithTheWholeChain() throws Exception {
        TownCertificates c = TownCertificates.ensure(data, "青溪镇", List.of("localhost"), at(NOW));
        char[] pw = "pw".toCharArray();
        var ks = c.server().keyStore(pw);
        assertEquals(2, ks.getCertificateChain(ServerIdentity.ALIAS).length);
        assertEquals(c.server().key(), ks.getKey(ServerIdentity.ALIAS, pw));
    }

    private static void validate(X509Certificate cert, X509Certificate root, Instant when) throws Exception {
        PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        p.setRevocationEnabled(false);
        p.setDate(Date.from(when));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), p);
    }
}
