package org.gridstation.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the tests: real requests to a real server. */
final class TestHttp {
    /** Responses are trusted here and may exceed the protocol's 64 KiB message bound. */
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
                throw new AssertionError("not JSON (" + status + "): " + shown, e);
            }
        }
    }

    private TestHttp() {
    }

    /** API tokens by origin ("http://127.0.0.1:port"): requests to that server carry it. */
    private static final java.util.Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Requests to {@code origin} carry {@code token} as {@code Authorization: Bearer}. */
    static void authorize(String origin, String token) {
        TOKENS.put(origin, token);
    }

    private static HttpRequest.Builder to(String url) {
        URI uri = URI.create(url);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        String token = TOKENS.get(uri.getScheme() + "://" + uri.getAuthority());
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    static Response get(String url) throws IOException, InterruptedException {
        return send(to(url).GET().build());
    }

    static Response postText(String url, String body) throws IOException, InterruptedException {
        return send(to(url)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static Response postJson(String url, String body) throws IOException, InterruptedException {
        return send(to(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }
}
