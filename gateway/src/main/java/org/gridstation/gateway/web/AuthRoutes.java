package org.gridstation.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridstation.gateway.auth.Account;
import org.gridstation.gateway.auth.Accounts;
import org.gridstation.gateway.auth.ApiTokens;
import org.gridstation.gateway.auth.Auth;
import org.gridstation.gateway.auth.NotSignedInException;
import org.gridstation.gateway.auth.PasswordHasher;
import org.gridstation.gateway.auth.Principal;
import org.gridstation.gateway.auth.Role;
import org.gridstation.gateway.auth.Secrets;
import org.gridstation.gateway.auth.Sessions;
import org.gridstation.gateway.auth.ThrottledException;
import org.gridstation.gateway.town.UnknownException;

/**
 * Signing in and out (the API's {@code /api/v1/session} and the browser's {@code /signin},
 * {@code /password}, {@code /signout} forms, which need no script), and the administration of
 * accounts and API tokens.
 */
final class AuthRoutes {
    /** Routes that write their own audit entries (with the account, not just the route). */
    static final Set<String> SELF_AUDITED = Set.of("POST /api/v1/session", "DELETE /api/v1/session",
            "POST /api/v1/session/password", "POST /signin", "POST /password", "POST /signout");

    private final Auth auth;

    AuthRoutes(Auth auth) {
        this.auth = auth;
    }

    void register(RoutesConfig r) {
        r.post("/api/v1/session", this::signIn);
        r.get("/api/v1/session", ctx -> ctx.json(view(AccessControl.required(ctx), ctx, Optional.empty())));
        r.delete("/api/v1/session", this::signOut);
        r.post("/api/v1/session/password", this::changePassword);
        r.get("/signin", ctx -> signInPage(ctx, Optional.empty(), HttpStatus.OK));
        r.post("/signin", this::signInForm);
        r.get("/password", ctx -> passwordPage(ctx, Optional.empty(), HttpStatus.OK));
        r.post("/password", this::passwordForm);
        r.post("/signout", ctx -> {
            signOutQuietly(ctx);
            ctx.redirect("/signin", HttpStatus.SEE_OTHER);
        });

        r.get("/api/v1/accounts", ctx -> ctx.json(auth.accounts().all().stream().map(a -> account(a, Lang.of(ctx))).toList()));
        r.post("/api/v1/accounts", this::createAccount);
        r.put("/api/v1/accounts/{id}", this::updateAccount);
        r.post("/api/v1/accounts/{id}/reset-password", this::resetPassword);
        r.post("/api/v1/accounts/{id}/disable", ctx -> setDisabled(ctx, true));
        r.post("/api/v1/accounts/{id}/enable", ctx -> setDisabled(ctx, false));
        r.get("/api/v1/tokens", ctx -> ctx.json(auth.tokens().all()));
        r.post("/api/v1/tokens", this::createToken);
        r.delete("/api/v1/tokens/{id}", ctx -> ctx.json(auth.tokens().revoke(ctx.pathParam("id"))));
    }

    record SignInRequest(String username, String password) {
    }

    record PasswordRequest(String current, String next) {
    }

    /** The signed-in caller as the API shows it. {@code csrf} goes with every change made with the cookie. */
    record SessionView(String user, String name, String role, String roleLabel, Optional<String> gridId,
            Optional<String> departmentId, boolean mustChangePassword, Optional<String> csrf,
            Optional<Instant> expiresAt) {
    }

    private SessionView view(Principal p, Context ctx, Optional<Sessions.Opened> opened) {
        Optional<String> csrf = opened.map(Sessions.Opened::csrf)
                .or(() -> Optional.of(AccessControl.csrf(ctx)).filter(s -> !s.isEmpty()));
        return new SessionView(p.id(), p.name(), p.role().wire(), p.role().label(Lang.of(ctx)), p.gridId(),
                p.departmentId(), p.mustChangePassword(), csrf, opened.map(Sessions.Opened::expiresAt));
    }

    private void signIn(Context ctx) {
        SignInRequest r = IncidentRoutes.body(ctx, SignInRequest.class);
        Auth.SignedIn s = auth.signIn(r.username(), r.password(), ctx.ip());
        setCookie(ctx, s.session().token());
        ctx.json(view(principal(s.account()), ctx, Optional.of(s.session())));
    }

    private void signOut(Context ctx) {
        signOutQuietly(ctx);
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void signOutQuietly(Context ctx) {
        Principal p = AccessControl.required(ctx);
        AccessControl.sessionToken(ctx).ifPresent(t -> auth.signOut(p, t, ctx.ip()));
        clearCookie(ctx);
    }

    private void changePassword(Context ctx) {
        PasswordRequest r = IncidentRoutes.body(ctx, PasswordRequest.class);
        auth.changePassword(AccessControl.required(ctx), r.current(), r.next(), AccessControl.sessionToken(ctx), ctx.ip());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static Principal principal(Account a) {
        return new Principal(a.id(), a.name(), a.role(), a.gridId(), a.departmentId(), a.mustChangePassword());
    }

    // ---- the browser's forms ----

    private void signInForm(Context ctx) {
        String next = safeNext(ctx.formParam("next"));
        try {
            Auth.SignedIn s = auth.signIn(ctx.formParam("username"), ctx.formParam("password"), ctx.ip());
            setCookie(ctx, s.session().token());
            ctx.redirect(s.account().mustChangePassword() ? "/password?next=" + enc(next) : next, HttpStatus.SEE_OTHER);
        } catch (ThrottledException e) {
            ctx.header("Retry-After", Long.toString(e.retryAfter().toSeconds()));
            signInPage(ctx, Optional.of(Lang.of(ctx).equals("en") ? "Too many failed attempts. Try again in "
                    + e.retryAfter().toMinutes() + " min." : "失败次数过多，请 " + Math.max(1, e.retryAfter().toMinutes())
                    + " 分钟后再试。"), HttpStatus.TOO_MANY_REQUESTS);
        } catch (NotSignedInException e) {
            signInPage(ctx, Optional.of(Lang.of(ctx).equals("en") ? "Wrong user name or password." : "用户名或密码错误。"),
                    HttpStatus.UNAUTHORIZED);
        }
    }

    private void passwordForm(Context ctx) {
        Principal p = AccessControl.required(ctx);
        String next = safeNext(ctx.formParam("next"));
        boolean en = Lang.of(ctx).equals("en");
        String fresh = ctx.formParam("next_password");
        if (fresh == null || !fresh.equals(ctx.formParam("confirm"))) {
            passwordPage(ctx, Optional.of(en ? "The two new passwords differ." : "两次输入的新密码不一致。"), HttpStatus.BAD_REQUEST);
            return;
        }
        try {
            auth.changePassword(p, ctx.formParam("current"), fresh, AccessControl.sessionToken(ctx), ctx.ip());
            ctx.redirect(next, HttpStatus.SEE_OTHER);
        } catch (NotSignedInException e) {
            passwordPage(ctx, Optional.of(en ? "The current password is wrong." : "当前密码不正确。"), HttpStatus.UNAUTHORIZED);
        } catch (IllegalArgumentException e) {
            passwordPage(ctx, Optional.of((en ? "Choose another password: " : "请换一个密码：") + e.getMessage()),
                    HttpStatus.BAD_REQUEST);
        }
    }

    private void signInPage(Context ctx, Optional<String> error, HttpStatus status) {
        boolean en = Lang.of(ctx).equals("en");
        String next = safeNext(Optional.ofNullable(ctx.formParam("next")).orElse(ctx.queryParam("next")));
        String body = error.map(e -> "<p class=\"status open\" role=\"alert\">" + Html.esc(e) + "</p>").orElse("")
                + "<form method=\"post\" action=\"/signin" + (en ? "?lang=en" : "") + "\">"
                + "<input type=\"hidden\" name=\"next\" value=\"" + Html.esc(next) + "\">"
                + field(en ? "User name" : "用户名", "username", "text", "username")
                + field(en ? "Password" : "密码", "password", "password", "current-password")
                + "<p><button type=\"submit\">" + (en ? "Sign in" : "登录") + "</button></p></form>"
                + "<p class=\"muted\">" + (en ? "First start: the administrator's one-time password is in the file "
                        + "initial-admin-password in the gateway's data folder."
                        : "首次启动：管理员（admin）的一次性密码在网关数据目录下的 initial-admin-password 文件中。") + "</p>";
        ctx.status(status).contentType("text/html; charset=utf-8")
                .result(Html.page(Lang.of(ctx), en ? "Sign in · Command centre" : "登录 · 指挥中心", FORM_STYLE + body,
                        "/signin?" + (en ? "" : "lang=en&") + "next=" + enc(next)));
    }

    private void passwordPage(Context ctx, Optional<String> error, HttpStatus status) {
        Principal p = AccessControl.required(ctx);
        boolean en = Lang.of(ctx).equals("en");
        String next = safeNext(Optional.ofNullable(ctx.formParam("next")).orElse(ctx.queryParam("next")));
        String body = (p.mustChangePassword() ? "<p>" + (en ? "You signed in with a one-time password. Choose your own "
                + "password now (at least " + PasswordHasher.MIN_LENGTH + " characters)."
                : "您使用的是一次性密码，请立即设置自己的密码（至少 " + PasswordHasher.MIN_LENGTH + " 个字符）。") + "</p>" : "")
                + error.map(e -> "<p class=\"status open\" role=\"alert\">" + Html.esc(e) + "</p>").orElse("")
                + "<form method=\"post\" action=\"/password" + (en ? "?lang=en" : "") + "\">"
                + "<input type=\"hidden\" name=\"" + AccessControl.CSRF_FIELD + "\" value=\"" + Html.esc(AccessControl.csrf(ctx)) + "\">"
                + "<input type=\"hidden\" name=\"next\" value=\"" + Html.esc(next) + "\">"
                + field(en ? "Current password" : "当前密码", "current", "password", "current-password")
                + field(en ? "New password" : "新密码", "next_password", "password", "new-password")
                + field(en ? "New password again" : "再次输入新密码", "confirm", "password", "new-password")
                + "<p><button type=\"submit\">" + (en ? "Save" : "保存") + "</button></p></form>";
        ctx.status(status).contentType("text/html; charset=utf-8")
                .result(Html.page(Lang.of(ctx), en ? "Change password" : "修改密码", FORM_STYLE + body,
                        "/password?" + (en ? "" : "lang=en&") + "next=" + enc(next)));
    }

    private static final String FORM_STYLE = "<style>label{display:block;margin:14px 0 4px}input{font-size:22px;"
            + "padding:10px;width:100%;max-width:420px;box-sizing:border-box;border:2px solid #444;border-radius:8px}"
            + "button{font-size:22px;padding:12px 28px;min-height:56px;background:#b71c1c;color:#fff;border:0;"
            + "border-radius:8px}</style>";

    private static String field(String label, String name, String type, String autocomplete) {
        return "<label for=\"" + name + "\">" + Html.esc(label) + "</label><input id=\"" + name + "\" name=\"" + name
                + "\" type=\"" + type + "\" autocomplete=\"" + autocomplete + "\" required maxlength=\""
                + PasswordHasher.MAX_LENGTH + "\">";
    }

    /** Only a path on this server: never an absolute or scheme-relative URL (no open redirect). */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.length() > 500 || next.chars().anyMatch(Character::isISOControl)) {
            return "/";
        }
        return next;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void setCookie(Context ctx, String token) {
        ctx.header("Set-Cookie", AccessControl.COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + Sessions.ABSOLUTE.toSeconds() + (AccessControl.secure(ctx) ? "; Secure" : ""));
    }

    private static void clearCookie(Context ctx) {
        ctx.header("Set-Cookie", AccessControl.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
                + (AccessControl.secure(ctx) ? "; Secure" : ""));
    }

    // ---- accounts and tokens (admin) ----

    record AccountRequest(String id, String name, String role, String gridId, String departmentId) {
        Accounts.Draft draft(String pathId) {
            return new Accounts.Draft(pathId != null ? pathId : id, name, role == null ? null : Role.parse(role)
                    .orElseThrow(() -> new IllegalArgumentException("role must be one of "
                            + java.util.Arrays.stream(Role.values()).map(Role::wire).toList())),
                    Optional.ofNullable(gridId), Optional.ofNullable(departmentId));
        }
    }

    record AccountView(String id, String name, String role, String roleLabel, Optional<String> gridId,
            Optional<String> departmentId, boolean mustChangePassword, Instant createdAt, Optional<Instant> disabledAt) {
    }

    /** An account just created or reset: the only time its one-time password is shown. */
    record WithPassword(AccountView account, String oneTimePassword) {
    }

    private static AccountView account(Account a, String lang) {
        return new AccountView(a.id(), a.name(), a.role().wire(), a.role().label(lang), a.gridId(), a.departmentId(),
                a.mustChangePassword(), a.createdAt(), a.disabledAt());
    }

    private void createAccount(Context ctx) {
        AccountRequest r = IncidentRoutes.body(ctx, AccountRequest.class);
        String password = Secrets.typeablePassword();
        Account a = auth.accounts().create(r.draft(null), password);
        ctx.status(HttpStatus.CREATED).json(new WithPassword(account(a, Lang.of(ctx)), password));
    }

    private void updateAccount(Context ctx) {
        AccountRequest r = IncidentRoutes.body(ctx, AccountRequest.class);
        String id = ctx.pathParam("id");
        requireAccount(id);
        Account a = auth.accounts().update(r.draft(id));
        auth.sessions().endAll(id, Optional.empty()); // a new role or scope takes effect at the next sign-in
        ctx.json(account(a, Lang.of(ctx)));
    }

    private void resetPassword(Context ctx) {
        String id = ctx.pathParam("id");
        requireAccount(id);
        String password = Secrets.typeablePassword();
        auth.accounts().setPassword(id, password, true);
        auth.sessions().endAll(id, Optional.empty());
        ctx.json(new WithPassword(account(auth.accounts().find(id).orElseThrow(), Lang.of(ctx)), password));
    }

    private void setDisabled(Context ctx, boolean disabled) {
        String id = ctx.pathParam("id");
        requireAccount(id);
        if (disabled && id.equals(AccessControl.required(ctx).id())) {
            throw new IllegalArgumentException("you cannot disable your own account");
        }
        Account a = auth.accounts().setDisabled(id, disabled);
        if (disabled) {
            auth.sessions().endAll(id, Optional.empty());
        }
        ctx.json(account(a, Lang.of(ctx)));
    }

    private void requireAccount(String id) {
        if (auth.accounts().find(id).isEmpty()) {
            throw new UnknownException("account", id);
        }
    }

    record TokenRequest(String name, String role, String gridId, String departmentId) {
    }

    private void createToken(Context ctx) {
        TokenRequest r = IncidentRoutes.body(ctx, TokenRequest.class);
        Accounts.Draft scope = new AccountRequest("token", r.name() == null ? "token" : r.name(), r.role(), r.gridId(),
                r.departmentId()).draft(null);
        ApiTokens.Created created = auth.tokens().create(r.name(), scope, AccessControl.required(ctx).actor());
        ctx.status(HttpStatus.CREATED).json(created);
    }

    static List<String> roles() {
        return java.util.Arrays.stream(Role.values()).map(Role::wire).toList();
    }
}
