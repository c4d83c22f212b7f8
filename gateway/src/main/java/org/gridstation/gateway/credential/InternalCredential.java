package org.gridstation.gateway.credential;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Properties;
import org.gridstation.gateway.auth.Secrets;
import org.gridstation.gateway.store.PrivateFiles;

/**
 * The gateway's own MQTT credential (user {@value #USERNAME}, full rights on the broker), kept in
 * {@code <data>/mqtt/internal.properties}, readable only by the gateway's user. Made on the first
 * start; the same file feeds the generated Mosquitto password file.
 *
 * @param username always {@value #USERNAME}
 * @param password the secret
 */
public record InternalCredential(String username, String password) {
    /** The internal user's name; no station's user name can take it (those start with {@code kiosk-}). */
    public static final String USERNAME = "gateway";
    /** Where it is kept, under the data directory. */
    public static final String FILE = "mqtt/internal.properties";

    @Override
    public String toString() {
        return "InternalCredential[" + username + "]"; // never the password
    }

    /** True if {@code username} and {@code password} are this credential (constant-time on the password). */
    public boolean matches(String username, String password) {
        return USERNAME.equals(username) && password != null && MessageDigest.isEqual(
                this.password.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the file, creating it with a fresh password (mode 0600) if absent. */
    public static InternalCredential loadOrCreate(Path dataDir) {
        Path file = file(dataDir);
        try {
            if (Files.exists(file)) {
                return load(file);
            }
            Files.createDirectories(file.getParent());
            String password = Secrets.random(24);
            Path tmp = file.resolveSibling("internal.properties.tmp");
            PrivateFiles.create(tmp);
            Properties p = new Properties();
            p.setProperty("username", USERNAME);
            p.setProperty("password", password);
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "the gateway's own MQTT credential: keep private");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new InternalCredential(USERNAME, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /** Reads an existing file. */
    public static InternalCredential load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String password = p.getProperty("password", "").strip();
        if (password.isEmpty() || !USERNAME.equals(p.getProperty("username", "").strip())) {
            throw new IOException(file + " must hold username=" + USERNAME + " and a password");
        }
        return new InternalCredential(USERNAME, password);
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }
}
