package org.gridstation.gateway.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.gridstation.gateway.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No default password: on the first start (no account at all) the gateway creates {@code admin}
 * with a random one-time password and writes it to {@code <data>/initial-admin-password},
 * readable only by the gateway's user. Signing in with it asks for a new password at once; the
 * file is deleted when that is done. Of several instances on one store, the file is in the data
 * directory of the instance that created the account.
 */
public final class InitialAdmin {
    /** The first administrator's user name. */
    public static final String USER = "admin";
    /** The file's name in the data directory. */
    public static final String FILE = "initial-admin-password";
    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

    private InitialAdmin() {
    }

    /** Creates the first admin if there is no account; returns the one-time password if it did. */
    public static Optional<String> ensure(Accounts accounts, Path dataDir) {
        if (!accounts.isEmpty()) {
            return Optional.empty();
        }
        String password = Secrets.typeablePassword();
        if (!accounts.createIfNone(new Accounts.Draft(USER, "管理员", Role.ADMIN, Optional.empty(), Optional.empty()), password)) {
            return Optional.empty(); // another gateway instance on the same store created it just now
        }
        Path file = file(dataDir);
        try {
            PrivateFiles.create(file);
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        log.warn("first start: sign in as '{}' with the one-time password in {} and choose a new one", USER, file);
        return Optional.of(password);
    }

    /** Deletes the file once the admin has chosen a password. */
    public static void forget(Path dataDir) {
        try {
            Files.deleteIfExists(file(dataDir));
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file(dataDir), e.toString());
        }
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }
}
