package org.gridstation.gateway;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.protocol.Json;

/** Helpers shared by the gateway's functional tests: waiting, HTTP, and peeking into the store. */
final class TestSupport {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestSupport() {
    }

    /** A gateway on free ports in {@code dir}, with a short heartbeat timeout. */
    static GatewayConfig config(Path dir) {
        return GatewayConfig.defaults(dir).withHttpPort(0).withMqttPort(0).withHeartbeatTimeout(Duration.ofSeconds(2))
                .withStore(TestStores.settings(dir));
    }

    static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("timed out waiting for " + what);
    }

    private static final java.util.Map<GatewayApp, String> TOKENS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * An admin API token for {@code app}, made once per gateway: the tests call the API as a
     * machine would. Tests of sign-in, roles and scopes make their own accounts.
     */
    static String adminToken(GatewayApp app) {
        return TOKENS.computeIfAbsent(app, a -> a.auth().tokens().create("tests", new org.gridstation.gateway.auth.Accounts.Draft(
                "tests", "tests", org.gridstation.gateway.auth.Role.ADMIN, java.util.Optional.empty(), java.util.Optional.empty()),
                "tests").token());
    }

    private static final java.util.Map<GatewayApp, java.util.Map<String, String>> MQTT_PASSWORDS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * The MQTT password of {@code stationId} on {@code app}, issued once per gateway and station:
     * simulated kiosks connect with a credential like real ones.
     */
    static String stationPassword(GatewayApp app, String stationId) {
        return MQTT_PASSWORDS.computeIfAbsent(app, a -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(stationId, s -> app.stationCredentials().issue(s).password());
    }

    /**
     * Opens a session for a new account of {@code role} (its password already chosen) and returns
     * the session cookie's value, for browser tests that are not about signing in.
     */
    static String sessionCookie(GatewayApp app, String user, org.gridstation.gateway.auth.Role role) {
        app.auth().accounts().create(new org.gridstation.gateway.auth.Accounts.Draft(user, user, role,
                java.util.Optional.empty(), java.util.Optional.empty()), "a password chosen by " + user);
        app.auth().accounts().setPassword(user, "a password chosen by " + user, false);
        return app.auth().sessions().open(user).token();
    }

    /** A request to {@code app} carrying the tests' admin token. */
    static HttpRequest.Builder request(GatewayApp app, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .header("Authorization", "Bearer " + adminToken(app));
    }

    static HttpResponse<String> get(GatewayApp app, String path) {
        try {
            return HTTP.send(request(app, path).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    static HttpResponse<byte[]> getBytes(GatewayApp app, String path) {
        try {
            return HTTP.send(request(app, path).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    /** Sends {@code body} (JSON unless {@code contentType} says otherwise; none if null) with {@code method}. */
    static HttpResponse<String> send(GatewayApp app, String method, String path, String body, String contentType) {
        try {
            HttpRequest.Builder b = request(app, path).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", contentType);
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    static HttpResponse<String> send(GatewayApp app, String method, String path, String json) {
        return send(app, method, path, json, "application/json");
    }

    /** POSTs a JSON body and expects 200; returns the parsed answer. */
    static JsonNode post(GatewayApp app, String path, String body) {
        HttpResponse<String> r = send(app, "POST", path, body);
        if (r.statusCode() != 200) {
            throw new AssertionError("POST " + path + " -> " + r.statusCode() + " " + r.body());
        }
        try {
            return Json.mapper().readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode json(GatewayApp app, String path) {
        HttpResponse<String> r = get(app, path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " -> " + r.statusCode() + " " + r.body());
        }
        try {
            return Json.mapper().readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Counts rows in the gateway's store matching {@code sql} (one string parameter, or none). */
    static long count(Path dataDir, String sql, String... args) {
        return TestStores.count(dataDir, sql, args);
    }
}
