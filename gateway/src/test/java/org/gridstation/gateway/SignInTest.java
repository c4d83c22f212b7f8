package org.gridstation.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.gridstation.gateway.auth.Accounts;
import org.gridstation.gateway.auth.Role;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in over the API: no default password, a one-time admin password that must be changed,
 * sessions with a CSRF token, throttled guessing, idle and absolute timeouts, disabled accounts,
 * and the security headers on every answer.
 */
class SignInTest {
    @TempDir
    Path dir;
    GatewayApp app;
    MutableClock clock;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        clock = MutableClock.at("2026-12-01T09:00");
        app = GatewayApp.start(TestSupport.config(dir), clock);
        DemoTown.seed(app, 1);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    record Session(String cookie, String csrf, JsonNode body) {
    }

    HttpResponse<String> call(String method, String path, String body, String cookie, String csrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (cookie != null) {
            b.header("Cookie", "gs_session=" + cookie);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    Session signIn(String user, String password) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/session",
                Json.mapper().writeValueAsString(java.util.Map.of("username", user, "password", password)), null, null);
        assertEquals(200, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"),
                setCookie);
        assertFalse(setCookie.contains("Secure"), "Secure only over HTTPS (the browser would drop it on plain HTTP)");
        String cookie = setCookie.substring("gs_session=".length(), setCookie.indexOf(';'));
        JsonNode body = Json.mapper().readTree(r.body());
        return new Session(cookie, body.path("csrf").asText(), body);
    }

    int status(String method, String path, String body, Session s, boolean withCsrf) throws Exception {
        return call(method, path, body, s.cookie(), withCsrf ? s.csrf() : null).statusCode();
    }

    @Test
    void noDefaultPassword_theOneTimeAdminPasswordMustBeChangedBeforeAnythingElse() throws Exception {
        Path file = dir.resolve("initial-admin-password");
        String oneTime = Files.readString(file).strip();
        assertTrue(oneTime.length() >= 20, oneTime);
        assertEquals(401, call("POST", "/api/v1/session", "{\"username\":\"admin\",\"password\":\"admin\"}", null, null)
                .statusCode(), "no default password");

        Session s = signIn("admin", oneTime);
        assertTrue(s.body().path("mustChangePassword").asBoolean());
        assertEquals(403, status("GET", "/api/v1/incidents", null, s, false), "nothing before a new password");
        assertEquals(400, status("POST", "/api/v1/session/password",
                "{\"current\":\"" + oneTime + "\",\"next\":\"short\"}", s, true), "too short");
        assertEquals(403, status("POST", "/api/v1/session/password",
                "{\"current\":\"" + oneTime + "\",\"next\":\"a much longer password\"}", s, false), "CSRF token required");
        assertEquals(204, status("POST", "/api/v1/session/password",
                "{\"current\":\"" + oneTime + "\",\"next\":\"a much longer password\"}", s, true));
        assertFalse(Files.exists(file), "the one-time password file is deleted");
        assertEquals(200, status("GET", "/api/v1/incidents", null, s, false), "the same session goes on");
        assertEquals(401, call("POST", "/api/v1/session", "{\"username\":\"admin\",\"password\":\"" + oneTime + "\"}",
                null, null).statusCode(), "the one-time password is spent");

        // a restart does not make a new admin password
        app.close();
        app = GatewayApp.start(TestSupport.config(dir), clock);
        assertFalse(Files.exists(file));
        signIn("admin", "a much longer password");
    }

    @Test
    void everyChangeMadeWithTheCookie_needsTheSessionsCsrfToken() throws Exception {
        Session s = operator();
        String body = "{\"settings\":{\"speech.enabled\":\"true\"}}";
        assertEquals(403, status("POST", "/api/v1/alerts/none/clear", "{}", s, false), "no token");
        HttpResponse<String> wrong = call("POST", "/api/v1/alerts/none/clear", "{}", s.cookie(), "forged");
        assertEquals(403, wrong.statusCode(), wrong.body());
        assertEquals(404, status("POST", "/api/v1/alerts/none/clear", "{}", s, true), "with it the request goes through");
        assertEquals(403, status("PUT", "/api/v1/settings", body, s, true), "an operator is no admin");
        assertEquals(200, status("GET", "/api/v1/incidents", null, s, false), "reads need no token");
    }

    @Test
    void guessing_isThrottledPerAccount_evenWithTheRightPasswordAfterwards() throws Exception {
        operator();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, call("POST", "/api/v1/session", "{\"username\":\"zhangmin\",\"password\":\"guess" + i + "\"}",
                    null, null).statusCode());
        }
        HttpResponse<String> locked = call("POST", "/api/v1/session",
                "{\"username\":\"zhangmin\",\"password\":\"correct horse battery\"}", null, null);
        assertEquals(429, locked.statusCode(), locked.body());
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());
        clock.advance(Duration.ofMinutes(2));
        signIn("zhangmin", "correct horse battery");
        JsonNode audit = TestSupport.json(app, "/api/v1/audit?action=sign-in");
        long failed = 0;
        long throttled = 0;
        for (JsonNode e : audit) {
            failed += e.path("action").asText().equals("sign-in-failed") ? 1 : 0;
            throttled += e.path("action").asText().equals("sign-in-throttled") ? 1 : 0;
        }
        assertEquals(5, failed, audit.toString());
        assertEquals(1, throttled);
    }

    @Test
    void sessionsEnd_afterIdleTime_afterTwelveHours_atSignOut_andWhenTheAccountIsDisabled() throws Exception {
        Session s = operator();
        clock.advance(Duration.ofMinutes(29));
        assertEquals(200, status("GET", "/api/v1/session", null, s, false));
        clock.advance(Duration.ofMinutes(29));
        assertEquals(200, status("GET", "/api/v1/session", null, s, false), "each request keeps it alive");
        clock.advance(Duration.ofMinutes(31));
        assertEquals(401, status("GET", "/api/v1/session", null, s, false), "idle for 31 minutes");

        Session busy = signIn("zhangmin", "correct horse battery");
        for (int q = 1; q < 12 * 4; q++) {
            clock.advance(Duration.ofMinutes(15));
            assertEquals(200, status("GET", "/api/v1/incidents", null, busy, false), "after " + q * 15 + " min");
        }
        clock.advance(Duration.ofMinutes(16));
        assertEquals(401, status("GET", "/api/v1/incidents", null, busy, false), "12 hours after signing in, however busy");

        Session t = signIn("zhangmin", "correct horse battery");
        assertEquals(204, status("DELETE", "/api/v1/session", null, t, true));
        assertEquals(401, status("GET", "/api/v1/session", null, t, false), "signed out");

        Session u = signIn("zhangmin", "correct horse battery");
        TestSupport.post(app, "/api/v1/accounts/zhangmin/disable", "{}");
        assertEquals(401, status("GET", "/api/v1/session", null, u, false), "disabled");
        assertEquals(401, call("POST", "/api/v1/session", "{\"username\":\"zhangmin\",\"password\":\"correct horse battery\"}",
                null, null).statusCode());
    }

    @Test
    void everyAnswer_carriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] {"/signin", "/api/v1/incidents", "/dashboard.js", "/tickets/none", "/nowhere"}) {
            HttpResponse<String> r = call("GET", path, null, null, null);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("script-src 'self'")
                    && csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), path);
        }
        assertEquals(401, call("GET", "/api/v1/incidents", null, null, null).statusCode());
        HttpResponse<String> page = call("GET", "/roster/week", null, null, null);
        assertEquals(303, page.statusCode());
        assertEquals("/signin?next=%2Froster%2Fweek", page.headers().firstValue("Location").orElse(""));
        assertEquals(404, call("GET", "/tickets/none", null, null, null).statusCode(),
                "the villagers' pages answer without sign-in (an unknown ticket: 404)");
    }

    Session operator() throws Exception {
        app.auth().accounts().create(new Accounts.Draft("zhangmin", "张敏", Role.OPERATOR, Optional.empty(),
                Optional.empty()), "one-time-1234567");
        Session first = signIn("zhangmin", "one-time-1234567");
        assertEquals(204, status("POST", "/api/v1/session/password",
                "{\"current\":\"one-time-1234567\",\"next\":\"correct horse battery\"}", first, true));
        return first;
    }
}
