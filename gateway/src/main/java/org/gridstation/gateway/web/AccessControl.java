package org.gridstation.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.router.Endpoint;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.gridstation.gateway.auth.AccessDeniedException;
import org.gridstation.gateway.auth.Auth;
import org.gridstation.gateway.auth.NotSignedInException;
import org.gridstation.gateway.auth.Principal;
import org.gridstation.gateway.auth.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@link AccessPolicy} on every matched route: who the caller is (session cookie or
 * {@code Authorization: Bearer} token), whether their role may call the route, the CSRF token on
 * every change made with a cookie, and the audit entry of every change. It also sets the security
 * headers on every response, static files included.
 */
final class AccessControl {
    static final String COOKIE = "gs_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "_csrf";
    private static final String PRINCIPAL = "gs.principal";
    private static final String CSRF = "gs.csrf";
    private static final String SESSION_TOKEN = "gs.sessionToken";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final Logger log = LoggerFactory.getLogger(AccessControl.class);
    /**
     * Content-Security-Policy: nothing from elsewhere, no inline script, no framing. Inline styles
     * are allowed: the server-rendered pages carry their own small style sheet, and every text they
     * show is escaped.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * Public routes that carry a password or an API key: with HTTPS on, plain HTTP refuses them too.
     */
    private static final Set<String> CREDENTIAL_ROUTES = Set.of("GET /signin", "POST /signin", "POST /api/v1/session",
            "POST " + Open311Routes.BASE + "/requests.json", "POST " + Open311Routes.BASE + "/requests.xml");

    private final Auth auth;
    private final IntSupplier httpsPort;

    /**
     * @param httpsPort the HTTPS listener's port, or -1 without one; with one, plain HTTP serves
     *     only the public routes that carry no credential and sends everything else to HTTPS
     */
    AccessControl(Auth auth, IntSupplier httpsPort) {
        this.auth = auth;
        this.httpsPort = httpsPort;
    }

    void register(RoutesConfig r) {
        r.before(this::headers);
        r.beforeMatched(this::authorize);
        r.afterMatched(this::audit);
    }

    private void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (secure(ctx)) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    private void authorize(Context ctx) {
        Endpoint e = ctx.endpoints().matchedHttpEndpoint();
        if (e == null || e.method == HandlerType.BEFORE) {
            return;
        }
        identify(ctx);
        Optional<AccessPolicy.Rule> found = AccessPolicy.rule(e.method.name(), e.path);
        if (found.isEmpty()) {
            log.error("no access rule for {} {}: refused", e.method, e.path);
            throw new AccessDeniedException("this route has no access rule");
        }
        AccessPolicy.Rule rule = found.get();
        int https = httpsPort.getAsInt();
        if (https > 0 && !secure(ctx) && (!rule.isPublic() || CREDENTIAL_ROUTES.contains(e.method.name() + " " + e.path))) {
            toHttps(ctx, e.method, https);
            return;
        }
        if (rule.isPublic()) {
            return;
        }
        Optional<Principal> p = principal(ctx);
        if (p.isEmpty()) {
            if (isPage(ctx)) {
                redirect(ctx, "/signin?next=" + URLEncoder.encode(ctx.path()
                        + (ctx.queryString() == null ? "" : "?" + ctx.queryString()), StandardCharsets.UTF_8));
                return;
            }
            throw new NotSignedInException("sign in first (POST /api/v1/session) or send an API token");
        }
        if (p.get().mustChangePassword() && !rule.beforePasswordChange()) {
            if (isPage(ctx)) {
                redirect(ctx, "/password");
                return;
            }
            throw new AccessDeniedException("choose a new password first (POST /api/v1/session/password)");
        }
        if (!rule.roles().contains(p.get().role())) {
            throw new AccessDeniedException("the role " + p.get().role().wire() + " may not " + e.method + " " + e.path);
        }
        if (!SAFE.contains(e.method) && ctx.attribute(CSRF) != null) {
            String sent = Optional.ofNullable(ctx.header(CSRF_HEADER)).orElseGet(() -> formCsrf(ctx));
            String expected = ctx.attribute(CSRF);
            if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    expected.getBytes(StandardCharsets.UTF_8))) {
                throw new AccessDeniedException("missing or wrong CSRF token (send the header " + CSRF_HEADER + ")");
            }
        }
    }

    /**
     * A reading over plain HTTP goes to the same path over HTTPS; a change is refused, since what
     * it carried (a password, a cookie, a token) has already crossed the network in clear.
     */
    private static void toHttps(Context ctx, HandlerType method, int port) {
        String host = Optional.ofNullable(ctx.host()).map(h -> h.startsWith("[") ? h.substring(0, h.indexOf(']') + 1)
                : h.contains(":") ? h.substring(0, h.indexOf(':')) : h).orElse("localhost");
        String target = "https://" + host + ":" + port + ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        if (SAFE.contains(method)) {
            redirect(ctx, target);
            return;
        }
        throw new AccessDeniedException("this gateway takes sign-ins and changes over HTTPS only: " + target);
    }

    /** Records every change that succeeded: who, from where, which route, on what. */
    private void audit(Context ctx) {
        Endpoint e = ctx.endpoints().matchedHttpEndpoint();
        if (e == null || SAFE.contains(e.method) || ctx.status().getCode() >= 400
                || AuthRoutes.SELF_AUDITED.contains(e.method.name() + " " + e.path)) {
            return;
        }
        String actor = principal(ctx).map(Principal::actor).orElse("public");
        String target = ctx.pathParamMap().entrySet().stream().map(x -> x.getKey() + "=" + x.getValue())
                .collect(Collectors.joining(","));
        try {
            auth.audit().append(actor, Optional.of(ctx.ip()), e.method.name() + " " + e.path,
                    target.isEmpty() ? Optional.empty() : Optional.of(target), Optional.of("HTTP " + ctx.status().getCode()));
        } catch (RuntimeException ex) {
            log.error("audit entry for {} {} by {} could not be written", e.method, e.path, actor, ex);
        }
    }

    /** Sets the principal from a bearer token or a session cookie, if either is valid. */
    private void identify(Context ctx) {
        if (ctx.attribute(PRINCIPAL) != null) {
            return;
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            auth.bearer(authorization).ifPresent(p -> ctx.attribute(PRINCIPAL, p));
            return; // a token never falls back to the cookie
        }
        String token = ctx.cookie(COOKIE);
        if (token != null) {
            Optional<Sessions.Live> live = auth.sessions().resolve(token);
            live.ifPresent(l -> {
                ctx.attribute(PRINCIPAL, l.principal());
                ctx.attribute(CSRF, l.csrf());
                ctx.attribute(SESSION_TOKEN, token);
            });
        }
    }

    /** The caller, if signed in or holding a token. */
    static Optional<Principal> principal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    /** The caller; throws 401 if there is none (only on public routes can there be none). */
    static Principal required(Context ctx) {
        return principal(ctx).orElseThrow(() -> new NotSignedInException("sign in first"));
    }

    /** The session's CSRF token, for a form on a server-rendered page (empty for token callers). */
    static String csrf(Context ctx) {
        String c = ctx.attribute(CSRF);
        return c == null ? "" : c;
    }

    /** The session cookie's token, if the caller signed in with one. */
    static Optional<String> sessionToken(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION_TOKEN));
    }

    /** True if the caller came with a session cookie (so steps name the account, not a body field). */
    static boolean viaSession(Context ctx) {
        return ctx.attribute(SESSION_TOKEN) != null;
    }

    static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme());
    }

    private static String formCsrf(Context ctx) {
        String type = ctx.contentType();
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            return ctx.formParam(CSRF_FIELD);
        }
        return null;
    }

    private static boolean isPage(Context ctx) {
        return ctx.method() == HandlerType.GET && !ctx.path().startsWith("/api/") && !ctx.path().equals("/metrics");
    }

    private static void redirect(Context ctx, String to) {
        ctx.redirect(to, HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
    }
}
