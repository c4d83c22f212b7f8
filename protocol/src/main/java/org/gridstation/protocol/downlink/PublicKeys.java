package org.gridstation.protocol.downlink;

import java.time.Instant;
import java.util.List;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Schema;

/**
 * Retained on {@code gs/v1/town/keys}: every public key whose badges may still be valid. After a
 * key rotation the old key stays here until the last badge it signed has expired.
 *
 * @param schema contract version
 * @param keys the keys
 * @param issuedAt gateway clock when published
 */
public record PublicKeys(int schema, List<Key> keys, Instant issuedAt) {
    public PublicKeys {
        Schema.require(schema);
        keys = List.copyOf(Ids.notNull(keys, "keys"));
        Ids.notNull(issuedAt, "issuedAt");
    }

    /**
     * One badge-signing public key.
     *
     * @param keyId the id badges name in their {@code k} claim
     * @param algorithm always {@code Ed25519} in schema 1
     * @param publicKey the X.509 SubjectPublicKeyInfo, base64
     * @param notAfter no badge signed by it is valid after this instant
     */
    public record Key(String keyId, String algorithm, String publicKey, Instant notAfter) {
        public Key {
            Ids.require(keyId, "keyId");
            if (!"Ed25519".equals(algorithm)) {
                throw new IllegalArgumentException("algorithm must be Ed25519");
            }
            Ids.notNull(publicKey, "publicKey");
            Ids.notNull(notAfter, "notAfter");
        }
    }
}
