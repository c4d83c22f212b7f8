package org.gridstation.gateway.badge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.gridstation.gateway.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The town's badge-signing key pair in {@code <data>/keys/} ({@code {keyId}.key}, owner-only,
 * and {@code {keyId}.pub}). Created on first start with a key id like {@code k20261123}; the
 * newest key in the folder signs. A key signs nothing valid after {@value #LIFETIME_YEARS} years.
 */
final class SigningKey {
    static final int LIFETIME_YEARS = 10;
    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    final String keyId;
    final PrivateKey privateKey;
    final PublicKey publicKey;
    final Instant notAfter;

    private SigningKey(String keyId, PrivateKey privateKey, PublicKey publicKey, ZoneId zone) {
        this.keyId = keyId;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.notAfter = LocalDate.parse(keyId.substring(1, 9), DAY).plusYears(LIFETIME_YEARS).atStartOfDay(zone).toInstant();
    }

    /** Loads the newest key in {@code dir}, or creates one. */
    static SigningKey loadOrCreate(Path dir, ZoneId zone) {
        try {
            PrivateFiles.directory(dir);
            String newest;
            try (Stream<Path> files = Files.list(dir)) {
                newest = files.map(p -> p.getFileName().toString())
                        .filter(n -> n.matches("k\\d{8}[a-z]?\\.key"))
                        .map(n -> n.substring(0, n.length() - 4))
                        .sorted().reduce((a, b) -> b).orElse(null);
            }
            if (newest != null) {
                return load(dir, newest, zone);
            }
            return create(dir, "k" + LocalDate.now(zone).format(DAY), zone);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key in " + dir + " is unusable", e);
        }
    }

    /**
     * Creates a new key that signs from now on, with an id after every key in {@code dir}
     * ({@code k20270201}, or {@code k20270201a} … if that day already has one).
     */
    static SigningKey rotate(Path dir, ZoneId zone, LocalDate today) {
        try {
            PrivateFiles.directory(dir);
            String newest = publicKeys(dir).keySet().stream().max(String::compareTo).orElse("");
            String base = "k" + today.format(DAY);
            String id = null;
            for (String candidate : candidates(base)) {
                if (candidate.compareTo(newest) > 0) {
                    id = candidate;
                    break;
                }
            }
            if (id == null) {
                throw new IllegalStateException("no key id after " + newest + " is left for " + today + " (check the clock)");
            }
            return create(dir, id, zone);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a signing key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a signing key", e);
        }
    }

    private static List<String> candidates(String base) {
        List<String> out = new java.util.ArrayList<>(List.of(base));
        for (char c = 'a'; c <= 'z'; c++) {
            out.add(base + c);
        }
        return out;
    }

    /** Every public key in {@code dir} by key id, oldest first. */
    static java.util.SortedMap<String, PublicKey> publicKeys(Path dir) {
        java.util.SortedMap<String, PublicKey> out = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            for (Path f : files.filter(p -> p.getFileName().toString().matches("k\\d{8}[a-z]?\\.pub")).toList()) {
                String name = f.getFileName().toString();
                out.put(name.substring(0, name.length() - 4), kf.generatePublic(new X509EncodedKeySpec(decode(f))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public keys in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a public key in " + dir + " is unusable", e);
        }
    }

    /** When a key with id {@code keyId} stops signing: {@value #LIFETIME_YEARS} years after its date. */
    static Instant notAfter(String keyId, ZoneId zone) {
        return LocalDate.parse(keyId.substring(1, 9), DAY).plusYears(LIFETIME_YEARS).atStartOfDay(zone).toInstant();
    }

    private static SigningKey load(Path dir, String keyId, ZoneId zone) throws IOException, GeneralSecurityException {
        KeyFactory kf = KeyFactory.getInstance("Ed25519");
        PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(decode(dir.resolve(keyId + ".key"))));
        PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(decode(dir.resolve(keyId + ".pub"))));
        log.info("badge signing key {} loaded", keyId);
        return new SigningKey(keyId, priv, pub, zone);
    }

    private static SigningKey create(Path dir, String keyId, ZoneId zone) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path priv = dir.resolve(keyId + ".key");
        PrivateFiles.create(priv);
        Files.writeString(priv, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(keyId + ".pub"), Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n",
                StandardCharsets.US_ASCII);
        log.info("badge signing key {} created in {}", keyId, dir);
        return new SigningKey(keyId, pair.getPrivate(), pair.getPublic(), zone);
    }

    private static byte[] decode(Path file) throws IOException {
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }
}
