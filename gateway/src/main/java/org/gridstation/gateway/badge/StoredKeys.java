package org.gridstation.gateway.badge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The badge-signing keys of a county, kept in the shared store's {@code signing_keys} table so that
 * every gateway instance signs with the same key and publishes the same public keys. Each instance
 * still works from its own {@code <data>/keys/} folder: {@link #sync} adds the folder's keys the
 * store lacks (the first one stored under an id wins) and writes the store's keys into the folder,
 * replacing a local key of the same id that lost. A town's single gateway on SQLite does without.
 */
final class StoredKeys {
    private static final Logger log = LoggerFactory.getLogger(StoredKeys.class);

    private StoredKeys() {
    }

    /** Makes the folder and the store hold the same keys; returns whether the folder changed. */
    static boolean sync(Database db, Path dir) {
        try {
            PrivateFiles.directory(dir);
            Map<String, String[]> local = read(dir);
            Map<String, String[]> stored = db.read(c -> all(c));
            if (!stored.keySet().containsAll(local.keySet())) {
                stored = db.write(c -> {
                    try (PreparedStatement ps = c.prepareStatement("""
                            INSERT INTO signing_keys(key_id, public_key, private_key) VALUES (?,?,?)
                            ON CONFLICT(key_id) DO NOTHING""")) {
                        for (Map.Entry<String, String[]> e : local.entrySet()) {
                            ps.setString(1, e.getKey());
                            ps.setString(2, e.getValue()[0]);
                            ps.setString(3, e.getValue()[1]);
                            ps.executeUpdate();
                        }
                    }
                    return all(c);
                });
            }
            boolean changed = false;
            for (Map.Entry<String, String[]> e : stored.entrySet()) {
                String[] mine = local.get(e.getKey());
                if (mine == null || !mine[0].equals(e.getValue()[0]) || !mine[1].equals(e.getValue()[1])) {
                    Path priv = dir.resolve(e.getKey() + ".key");
                    Files.deleteIfExists(priv);
                    PrivateFiles.create(priv);
                    Files.writeString(priv, e.getValue()[1] + "\n", StandardCharsets.US_ASCII);
                    Files.writeString(dir.resolve(e.getKey() + ".pub"), e.getValue()[0] + "\n", StandardCharsets.US_ASCII);
                    log.info("badge signing key {} {} from the shared store", e.getKey(), mine == null ? "taken" : "replaced");
                    changed = true;
                }
            }
            return changed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the signing keys in " + dir + " with the store", e);
        }
    }

    private static Map<String, String[]> all(java.sql.Connection c) throws java.sql.SQLException {
        Map<String, String[]> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT key_id, public_key, private_key FROM signing_keys");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        return out;
    }

    private static Map<String, String[]> read(Path dir) throws IOException {
        Map<String, String[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("k\\d{8}[a-z]?\\.key")).toList()) {
                String name = f.getFileName().toString();
                String id = name.substring(0, name.length() - 4);
                Path pub = dir.resolve(id + ".pub");
                if (Files.exists(pub)) {
                    out.put(id, new String[] {Files.readString(pub, StandardCharsets.US_ASCII).strip(),
                            Files.readString(f, StandardCharsets.US_ASCII).strip()});
                }
            }
        }
        return out;
    }
}
