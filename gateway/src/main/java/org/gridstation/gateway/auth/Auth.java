package org.gridstation.gateway.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.gridstation.gateway.audit.AuditLog;
import org.gridstation.gateway.incident.Incidents;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Town;

/**
 * Sign-in for the command centre: accounts, sessions, API tokens, throttling, the scope of each
 * role, and the audit entries of every sign-in.
 */
public final class Auth {
    private final Accounts accounts;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final SignInThrottle throttle;
    private final AuditLog audit;
    private final GridScope scope;
    private final Path dataDir;

    public Auth(Database db, Town town, Incidents incidents, AuditLog audit, Path dataDir, Clock clock) {
        this.accounts = new Accounts(db, clock, new PasswordHasher());
        this.sessions = new Sessions(db, clock, accounts);
        this.tokens = new ApiTokens(db, clock);
        this.throttle = new SignInThrottle(clock);
        this.audit = audit;
        this.scope = new GridScope(town, incidents);
        this.dataDir = dataDir;
    }

    /** Creates the first admin on a new gateway (see {@link InitialAdmin}). */
    public Optional<String> ensureAdmin() {
        Optional<String> created = InitialAdmin.ensure(accounts, dataDir);
        created.ifPresent(p -> audit.append("system", Optional.empty(), "account-created",
                Optional.of(InitialAdmin.USER), Optional.of("initial admin, one-time password in " + InitialAdmin.FILE)));
        return created;
    }

    /** A successful sign-in. */
    public record SignedIn(Account account, Sessions.Opened session) {
    }

    /**
     * Checks the password and opens a session. Every attempt is audited.
     *
     * @throws ThrottledException after too many failures for this account or address
     * @throws NotSignedInException for a wrong name or password (the message does not say which)
     */
    public SignedIn signIn(String user, String password, String address) {
        String name = user == null ? "" : user.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<java.time.Duration> wait = throttle.wait(name, address);
        if (wait.isPresent()) {
            audit.append(name.isEmpty() ? "-" : name, Optional.of(address), "sign-in-throttled", Optional.of(name),
                    Optional.empty());
            throw new ThrottledException(wait.get());
        }
        Optional<Account> account = name.isEmpty() || password == null ? Optional.empty() : accounts.check(name, password);
        if (account.isEmpty()) {
            throttle.failed(name, address);
            audit.append(name.isEmpty() ? "-" : name, Optional.of(address), "sign-in-failed", Optional.of(name),
                    Optional.empty());
            throw new NotSignedInException("wrong user name or password");
        }
        throttle.succeeded(name);
        Sessions.Opened s = sessions.open(name);
        audit.append(name, Optional.of(address), "sign-in", Optional.of(name),
                account.get().mustChangePassword() ? Optional.of("one-time password: must change") : Optional.empty());
        return new SignedIn(account.get(), s);
    }

    /** Signs out one session. */
    public void signOut(Principal p, String token, String address) {
        sessions.end(token);
        audit.append(p.actor(), Optional.of(address), "sign-out", Optional.of(p.id()), Optional.empty());
    }

    /**
     * Changes the signed-in account's own password; every other session of it ends.
     *
     * @throws NotSignedInException if {@code current} is wrong
     * @throws IllegalArgumentException if {@code next} is too weak or unchanged
     */
    public void changePassword(Principal p, String current, String next, Optional<String> keepToken, String address) {
        if (p.id().startsWith("token:")) {
            throw new IllegalArgumentException("an API token has no password");
        }
        Optional<java.time.Duration> wait = throttle.wait(p.id(), address);
        if (wait.isPresent()) {
            throw new ThrottledException(wait.get());
        }
        if (accounts.check(p.id(), current == null ? "" : current).isEmpty()) {
            throttle.failed(p.id(), address);
            audit.append(p.actor(), Optional.of(address), "password-change-failed", Optional.of(p.id()), Optional.empty());
            throw new NotSignedInException("the current password is wrong");
        }
        String weak = PasswordHasher.weakness(next, p.id());
        if (weak != null) {
            throw new IllegalArgumentException(weak);
        }
        if (next.equals(current)) {
            throw new IllegalArgumentException("the new password must differ from the current one");
        }
        accounts.setPassword(p.id(), next, false);
        sessions.endAll(p.id(), keepToken);
        audit.append(p.actor(), Optional.of(address), "password-changed", Optional.of(p.id()), Optional.empty());
        if (InitialAdmin.USER.equals(p.id())) {
            InitialAdmin.forget(dataDir);
        }
    }

    /** Who an {@code Authorization: Bearer …} header's token acts as, if it is a valid token. */
    public Optional<Principal> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return tokens.verify(authorization.substring(7).strip());
    }

    public Accounts accounts() {
        return accounts;
    }

    public Sessions sessions() {
        return sessions;
    }

    public ApiTokens tokens() {
        return tokens;
    }

    public AuditLog audit() {
        return audit;
    }

    public GridScope scope() {
        return scope;
    }
}
