package org.gridstation.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/** A real HTTP server standing in for a chat group's robot: records what it receives, answers as told. */
final class WebhookReceiver implements AutoCloseable {
    /** One request received. */
    record Received(String query, String body) {
    }

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();

    /** {@code answer} gives, for the n-th request (1-based), the status and body to answer with. */
    WebhookReceiver(IntFunction<Answer> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(ex.getRequestURI().getRawQuery(), body));
            Answer a = answer.apply(received.size());
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    record Answer(int status, String body) {
        static final Answer OK = new Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
