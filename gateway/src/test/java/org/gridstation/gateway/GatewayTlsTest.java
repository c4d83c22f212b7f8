package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.gridstation.gateway.TestSupport.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.gridstation.gateway.auth.Accounts;
import org.gridstation.gateway.auth.Role;
import org.gridstation.gateway.tls.CertificateAuthority;
import org.gridstation.gateway.tls.TlsSettings;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.TlsSocketFactory;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.Ack;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway with HTTPS and MQTT over TLS on certificates it made for its town: browsers and
 * stations that trust the town's root get through, others are refused, and plain HTTP keeps only
 * what a villager's phone needs.
 */
class GatewayTlsTest {
    @TempDir
    static Path dir;
    @TempDir
    static Path elsewhere;
    static GatewayApp app;
    static HttpClient trusting;

    @BeforeAll
    static void start() throws Exception {
        app = GatewayApp.start(TestSupport.config(dir).withTls(
                new TlsSettings(Optional.of(0), Optional.of(0), List.of("localhost", "127.0.0.1"))));
        trusting = HttpClient.newBuilder().sslContext(trusting(app.caFile().orElseThrow())).build();
        app.auth().accounts().create(new Accounts.Draft("zhang", "张主任", Role.OPERATOR, Optional.empty(), Optional.empty()),
                "a long and private passphrase");
        app.auth().accounts().setPassword("zhang", "a long and private passphrase", false);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String https(String path) {
        return "https://localhost:" + app.httpsPort().orElseThrow() + path;
    }

    private static String http(String path) {
        return "http://127.0.0.1:" + app.httpPort() + path;
    }

    @Test
    void theTownsFiles_areWrittenWithTheKeysPrivate() throws Exception {
        Path tls = dir.resolve("tls");
        for (String f : List.of("ca.crt", "ca.key", "gateway.crt", "gateway.key")) {
            assertTrue(Files.exists(tls.resolve(f)), f);
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tls.resolve("ca.key"))));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tls.resolve("gateway.key"))));
    }

    @Test
    void https_withTheTownsRoot_answersWithStrictTransportSecurity() throws Exception {
        HttpResponse<String> r = trusting.send(HttpRequest.newBuilder(URI.create(https("/healthz"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("ok", r.body());
        assertTrue(r.headers().firstValue("Strict-Transport-Security").isPresent());
    }

    @Test
    void https_withoutTheTownsRoot_isRefusedByTheClient() {
        assertThrows(SSLHandshakeException.class, () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(https("/healthz"))).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void signInOverHttps_setsASecureCookie() throws Exception {
        HttpResponse<String> r = trusting.send(HttpRequest.newBuilder(URI.create(https("/api/v1/session")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"zhang\",\"password\":\"a long and private passphrase\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("; Secure"), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
    }

    @Test
    void plainHttp_refusesSignInAndSendsPagesToHttps_butServesTheVillagersPages() throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        HttpResponse<String> signIn = plain.send(HttpRequest.newBuilder(URI.create(http("/api/v1/session")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"zhang\",\"password\":\"a long and private passphrase\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, signIn.statusCode());
        assertTrue(signIn.body().contains("https://"), signIn.body());
        assertTrue(signIn.headers().firstValue("Set-Cookie").isEmpty());

        HttpResponse<String> dashboard = plain.send(HttpRequest.newBuilder(URI.create(http("/?lang=en"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, dashboard.statusCode());
        assertEquals("https://127.0.0.1:" + app.httpsPort().orElseThrow() + "/?lang=en",
                dashboard.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> api = plain.send(HttpRequest.newBuilder(URI.create(http("/api/v1/stations")))
                .header("Authorization", "Bearer " + TestSupport.adminToken(app)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, api.statusCode(), "a token sent in clear gets no answer but the way to HTTPS");

        HttpResponse<String> ticket = plain.send(HttpRequest.newBuilder(URI.create(http("/tickets/NO-SUCH-1"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, ticket.statusCode(), "the public ticket page is served over HTTP (and says not found)");
        assertEquals(200, plain.send(HttpRequest.newBuilder(URI.create(http("/healthz"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aStationTrustingTheTownsRoot_deliversOverMqttTls() throws Exception {
        String uri = "ssl://localhost:" + app.mqttTlsPort().orElseThrow();
        TlsSocketFactory tls = TlsSocketFactory.trusting(app.caFile().orElseThrow());
        try (TestMqtt kiosk = new TestMqtt(uri, "kiosk-st-tls", "kiosk-st-tls", TestSupport.stationPassword(app, "st-tls"),
                null, null, o -> o.setSocketFactory(tls))) {
            kiosk.subscribe(Topics.ack("st-tls"));
            Event e = Event.of("st-tls", 1, Instant.now(), new WalkInRequest("st-tls-1", Category.ENVIRONMENT,
                    Severity.NORMAL, Optional.empty(), Optional.empty(), false));
            kiosk.publish(Topics.events("st-tls"), Json.write(e));
            await("ack over TLS", () -> kiosk.on(Topics.ack("st-tls")).stream()
                    .anyMatch(r -> r.as(Ack.class).eventIds().contains(e.id())));
            assertEquals(1, count(dir, "SELECT COUNT(*) FROM events WHERE id=?", e.id().toString()));
        }
    }

    @Test
    void aStationTrustingAnotherRoot_cannotConnect() throws Exception {
        Path otherRoot = elsewhere.resolve("other-ca.crt");
        var other = CertificateAuthority.create("另一个镇", Instant.now());
        Files.writeString(otherRoot, "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(other.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        String uri = "ssl://localhost:" + app.mqttTlsPort().orElseThrow();
        TlsSocketFactory tls = TlsSocketFactory.trusting(otherRoot);
        assertThrows(MqttException.class, () -> new TestMqtt(uri, "kiosk-st-spoofed", "kiosk-st-spoofed",
                TestSupport.stationPassword(app, "st-spoofed"), null, null, o -> o.setSocketFactory(tls)).close());
    }

    @Test
    void theServerCertificate_doesNotCoverANameItWasNotIssuedFor() throws Exception {
        // 127.0.0.2 reaches the same listener, but the certificate names only localhost and 127.0.0.1
        TlsSocketFactory tls = TlsSocketFactory.trusting(app.caFile().orElseThrow());
        String uri = "ssl://127.0.0.2:" + app.mqttTlsPort().orElseThrow();
        try (java.net.Socket reachable = new java.net.Socket("127.0.0.2", app.mqttTlsPort().orElseThrow())) {
            assertTrue(reachable.isConnected(), "the listener answers on 127.0.0.2, so only the name check can refuse");
        }
        assertThrows(MqttException.class, () -> new TestMqtt(uri, "kiosk-st-misnamed", "kiosk-st-misnamed",
                TestSupport.stationPassword(app, "st-misnamed"), null, null, o -> o.setSocketFactory(tls)).close());
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (var in = Files.newInputStream(caFile)) {
            ks.setCertificateEntry("town", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }
}
