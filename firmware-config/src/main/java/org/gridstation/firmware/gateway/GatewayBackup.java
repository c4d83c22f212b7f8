package org.gridstation.firmware.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs up and restores a gateway's data directory: {@code gateway.db} through SQLite's online
 * backup API (a consistent copy of the last commit, taken while the gateway keeps writing) and the
 * badge-signing keys in {@code keys/} (without them every issued badge becomes worthless), and the
 * town's TLS certificates in {@code tls/} where the gateway has them (without the root's key, every
 * station would need a new {@code ca.crt}). The embedded broker's folder is not backed up: the gateway re-publishes every retained message.
 */
public final class GatewayBackup {
    private static final Logger log = LoggerFactory.getLogger(GatewayBackup.class);
    private static final String DB = "gateway.db";
    private static final String KEYS = "keys";
    private static final String TLS = "tls";
    private static final java.util.Set<String> TLS_FILES = java.util.Set.of("ca.crt", "ca.key", "gateway.crt", "gateway.key");

    private GatewayBackup() {
    }

    /**
     * Writes a backup of {@code dataDir} into {@code target}, which must be missing or empty.
     *
     * @throws IllegalArgumentException if {@code dataDir} is not a gateway data directory or {@code target} is not empty
     */
    public static void backup(Path dataDir, Path target) {
        GatewayData.open(dataDir);
        requireEmpty(target);
        try {
            Files.createDirectories(target);
            Path copy = target.resolve(DB);
            try (Connection c = GatewayData.readOnly(dataDir.resolve(DB)); Statement s = c.createStatement()) {
                s.executeUpdate("backup to " + quoted(copy));
            }
            copyKeys(dataDir.resolve(KEYS), target.resolve(KEYS));
            copyTls(dataDir.resolve(TLS), target.resolve(TLS));
            requireIntact(copy);
        } catch (SQLException e) {
            throw new IllegalStateException("backup of " + dataDir + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("backup of " + dataDir + " failed", e);
        }
        log.info("gateway data {} backed up to {}", dataDir, target);
    }

    /**
     * Restores the backup in {@code backup} into {@code dataDir}, which must not hold a gateway
     * database or keys yet. The backup's database is integrity-checked first.
     *
     * @throws IllegalArgumentException if the backup is incomplete or damaged, or {@code dataDir} is in use
     */
    public static void restore(Path backup, Path dataDir) {
        Path db = backup.resolve(DB);
        if (!Files.isRegularFile(db) || !Files.isDirectory(backup.resolve(KEYS))) {
            throw new IllegalArgumentException(backup + " is not a gateway backup: it needs gateway.db and keys/");
        }
        if (Files.exists(dataDir.resolve(DB)) || Files.exists(dataDir.resolve(KEYS))) {
            throw new IllegalArgumentException(dataDir + " already holds gateway data; restore into an empty folder");
        }
        try {
            requireIntact(db);
            Files.createDirectories(dataDir);
            copyKeys(backup.resolve(KEYS), dataDir.resolve(KEYS));
            copyTls(backup.resolve(TLS), dataDir.resolve(TLS));
            Files.copy(db, dataDir.resolve(DB));
        } catch (SQLException e) {
            throw new IllegalArgumentException("the backup's database cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("restore into " + dataDir + " failed", e);
        }
        log.info("gateway data restored from {} into {}", backup, dataDir);
    }

    private static void requireIntact(Path db) throws SQLException {
        try (Connection c = GatewayData.readOnly(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            String result = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(result)) {
                throw new IllegalArgumentException(db + " is damaged: " + result);
            }
        }
    }

    private static void copyKeys(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(from)) {
            files = list.filter(p -> p.getFileName().toString().matches("k\\d{8}[a-z]?\\.(key|pub)")).sorted().toList();
        }
        if (files.stream().noneMatch(p -> p.getFileName().toString().endsWith(".key"))) {
            throw new IllegalArgumentException(from + " holds no signing key");
        }
        Files.createDirectories(to);
        ownerOnly(to, "rwx------");
        for (Path f : files) {
            Path target = to.resolve(f.getFileName().toString());
            Files.copy(f, target);
            ownerOnly(target, "rw-------");
        }
    }

    /** The town's certificates and their keys, if there are any (a gateway without TLS has none). */
    private static void copyTls(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        ownerOnly(to, "rwx------");
        for (String name : TLS_FILES) {
            Path f = from.resolve(name);
            if (Files.isRegularFile(f)) {
                Files.copy(f, to.resolve(name));
                ownerOnly(to.resolve(name), name.endsWith(".key") ? "rw-------" : "rw-r--r--");
            }
        }
    }

    private static void ownerOnly(Path p, String mode) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        }
    }

    private static void requireEmpty(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException(target + " is not empty; back up into a new folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + target, e);
        }
    }

    private static String quoted(Path p) {
        String s = p.toAbsolutePath().toString();
        if (s.indexOf('"') >= 0 || s.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("unsupported characters in backup path " + s);
        }
        return '"' + s + '"';
    }
}
