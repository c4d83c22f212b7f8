package org.gridstation.gateway.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gridstation.gateway.BackgroundThreads;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued deliveries: a POST per delivery in the webhook's format, retried with growing
 * pauses ({@link #BACKOFF}) on the gateway's clock; after the last attempt the delivery is
 * {@code failed} and listed for a person to see and retry. WeChat Work and DingTalk answer 200
 * with {@code errcode} ≠ 0 when they refuse a message: that counts as a failure too.
 */
public final class Deliveries implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    /** How long a delivery being sent stays claimed by the sending instance. */
    static final Duration CLAIM = Duration.ofMinutes(2);
    /** The pause after each failed attempt; the delivery fails for good after the last. */
    public static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1));

    private final Database db;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicBoolean running = new AtomicBoolean();
    private final ScheduledExecutorService exec = BackgroundThreads.single("webhooks");

    public Deliveries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A delivery as listed. */
    public record Delivery(long id, long notificationId, Optional<String> incidentId, String kind, String title,
            String webhookId, String state, int attempts, Instant nextAt, Optional<String> lastError,
            Optional<Instant> deliveredAt) {
    }

    private volatile java.util.function.BooleanSupplier lease = () -> true;

    /**
     * Runs the scheduled passes only while {@code lease} says so: of several gateway instances on
     * one store, the one holding the scheduler lease.
     */
    public void runOnlyWhile(java.util.function.BooleanSupplier lease) {
        this.lease = lease;
    }

    /** Checks for due deliveries every second and whenever woken. */
    public void start() {
        exec.scheduleWithFixedDelay(this::safeRun, 0, 1, TimeUnit.SECONDS);
    }

    /** Asks for a pass soon (a notice was just queued). */
    public void wake() {
        if (!exec.isShutdown()) {
            exec.execute(this::safeRun);
        }
    }

    private void safeRun() {
        if (!lease.getAsBoolean()) {
            return;
        }
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("webhook pass failed: {}", e.toString());
        }
    }

    private record Due(long id, String url, WebhookFormat format, Optional<String> secret, int attempts, String title,
            String body) {
    }

    /** Attempts every delivery due by now; returns how many were delivered. */
    public int runDue() {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        try {
            long now = clock.millis();
            List<Due> due = db.read(c -> {
                List<Due> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT d.id, w.url, w.format, w.secret, d.attempts, n.title, n.body FROM deliveries d
                        JOIN webhooks w ON w.id = d.webhook_id JOIN notifications n ON n.id = d.notification_id
                        WHERE d.state='pending' AND d.next_at <= ? ORDER BY d.next_at, d.id LIMIT 100""")) {
                    ps.setLong(1, now);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Due(rs.getLong(1), rs.getString(2), WebhookFormat.of(rs.getString(3)),
                                    Optional.ofNullable(rs.getString(4)), rs.getInt(5), rs.getString(6), rs.getString(7)));
                        }
                    }
                }
                return out;
            });
            int delivered = 0;
            for (Due d : due) {
                if (!claim(d, now)) {
                    continue; // settled or claimed meanwhile by another instance
                }
                Optional<String> error = send(d);
                settle(d, error);
                if (error.isEmpty()) {
                    delivered++;
                }
            }
            return delivered;
        } finally {
            running.set(false);
        }
    }

    /**
     * Claims a due delivery for {@link #CLAIM} before sending it, so that of several instances (at a
     * scheduler handover) one sends it; an instance that dies mid-send leaves it due again once the
     * claim runs out — webhooks are delivered at least once.
     */
    private boolean claim(Due d, long now) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE deliveries SET next_at=? WHERE id=? AND state='pending' AND next_at <= ?")) {
                ps.setLong(1, now + CLAIM.toMillis());
                ps.setLong(2, d.id());
                ps.setLong(3, now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private Optional<String> send(Due d) {
        try {
            byte[] body = body(d);
            String url = d.url();
            if (d.format() == WebhookFormat.DINGTALK && d.secret().isPresent()) {
                url = signedDingTalkUrl(url, d.secret().get(), clock.millis());
            }
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (resp.statusCode() / 100 != 2) {
                return Optional.of("HTTP " + resp.statusCode());
            }
            if (d.format() != WebhookFormat.GENERIC) {
                JsonNode answer = Json.mapper().readTree(resp.body());
                int code = answer.path("errcode").asInt(-1);
                if (code != 0) {
                    return Optional.of("errcode " + code + ": " + answer.path("errmsg").asText(""));
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** The body in the webhook's format. */
    static byte[] body(Due d) throws IOException {
        if (d.format() == WebhookFormat.GENERIC) {
            return d.body().getBytes(StandardCharsets.UTF_8);
        }
        JsonNode generic = Json.mapper().readTree(d.body());
        String title = generic.path("title").asText();
        String text = generic.path("text").asText();
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("msgtype", "markdown");
        if (d.format() == WebhookFormat.WECOM) {
            msg.put("markdown", Map.of("content", "**" + title + "**\n> " + text));
        } else {
            msg.put("markdown", Map.of("title", title, "text", "### " + title + "\n\n" + text));
        }
        return Json.write(msg);
    }

    /** DingTalk's signed URL: {@code &timestamp=…&sign=…}, HMAC-SHA256 of "timestamp\nsecret". */
    static String signedDingTalkUrl(String url, String secret, long millis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal((millis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            String sign = URLEncoder.encode(Base64.getEncoder().encodeToString(sig), StandardCharsets.UTF_8);
            return url + (url.contains("?") ? "&" : "?") + "timestamp=" + millis + "&sign=" + sign;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void settle(Due d, Optional<String> error) {
        long now = clock.millis();
        int attempts = d.attempts() + 1;
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE deliveries SET state=?, attempts=?, next_at=?, last_error=?, delivered_at=? WHERE id=?")) {
                if (error.isEmpty()) {
                    ps.setString(1, "delivered");
                    ps.setLong(3, now);
                    ps.setString(4, null);
                    ps.setLong(5, now);
                } else {
                    boolean last = attempts > BACKOFF.size();
                    ps.setString(1, last ? "failed" : "pending");
                    ps.setLong(3, last ? now : now + BACKOFF.get(attempts - 1).toMillis());
                    ps.setString(4, error.get().length() > 300 ? error.get().substring(0, 300) : error.get());
                    ps.setObject(5, null);
                }
                ps.setInt(2, attempts);
                ps.setLong(6, d.id());
                ps.executeUpdate();
            }
            return null;
        });
        if (error.isPresent()) {
            log.warn("webhook delivery {} attempt {} failed: {}", d.id(), attempts, error.get());
        }
    }

    /** Deliveries in {@code state} (pending, delivered, failed), newest first. */
    public List<Delivery> list(String state, int limit) {
        if (!List.of("pending", "delivered", "failed").contains(state)) {
            throw new IllegalArgumentException("state must be pending, delivered or failed");
        }
        return db.read(c -> {
            List<Delivery> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT d.id, d.notification_id, n.incident_id, n.kind, n.title, d.webhook_id, d.state, d.attempts,
                    d.next_at, d.last_error, d.delivered_at FROM deliveries d JOIN notifications n ON n.id = d.notification_id
                    WHERE d.state=? ORDER BY d.id DESC LIMIT ?""")) {
                ps.setString(1, state);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long del = rs.getLong(11);
                        boolean hasDel = !rs.wasNull();
                        out.add(new Delivery(rs.getLong(1), rs.getLong(2), Optional.ofNullable(rs.getString(3)),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                                Instant.ofEpochMilli(rs.getLong(9)), Optional.ofNullable(rs.getString(10)),
                                hasDel ? Optional.of(Instant.ofEpochMilli(del)) : Optional.empty()));
                    }
                }
            }
            return out;
        });
    }

    /** Puts a failed delivery back in the queue, due now. */
    public void retry(long id) {
        int n = db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE deliveries SET state='pending', attempts=0, next_at=? WHERE id=? AND state='failed'")) {
                ps.setLong(1, clock.millis());
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
        if (n == 0) {
            throw new UnknownException("failed delivery", String.valueOf(id));
        }
        wake();
    }

    @Override
    public void close() {
        BackgroundThreads.stop(exec);
    }
}
