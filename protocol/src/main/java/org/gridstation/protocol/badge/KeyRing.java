package org.gridstation.protocol.badge;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gridstation.protocol.downlink.PublicKeys;

/** The public keys a kiosk trusts, by key id, each with the instant after which it signs nothing valid. */
public final class KeyRing {
    private final Map<String, Entry> keys;

    private record Entry(PublicKey key, Instant notAfter) {
    }

    private KeyRing(Map<String, Entry> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** A ring with no keys: every badge is refused as {@link RefusalReason#UNKNOWN_KEY}. */
    public static KeyRing empty() {
        return new KeyRing(Map.of());
    }

    /**
     * The ring described by a {@link PublicKeys} message.
     *
     * @throws IllegalArgumentException if a key is not a valid Ed25519 public key
     */
    public static KeyRing of(PublicKeys message) {
        Map<String, Entry> keys = new LinkedHashMap<>();
        for (PublicKeys.Key k : message.keys()) {
            keys.put(k.keyId(), new Entry(decode(k.publicKey()), k.notAfter()));
        }
        return new KeyRing(keys);
    }

    /** The key with this id, if trusted. */
    public Optional<PublicKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId)).map(Entry::key);
    }

    /** The instant after which the key with this id signs nothing valid. */
    public Optional<Instant> notAfter(String keyId) {
        return Optional.ofNullable(keys.get(keyId)).map(Entry::notAfter);
    }

    public int size() {
        return keys.size();
    }

    /** Encodes a public key as the base64 X.509 form used in {@link PublicKeys}. */
    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Decodes the base64 X.509 form of an Ed25519 public key. */
    public static PublicKey decode(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }
}
