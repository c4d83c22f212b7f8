package org.gridstation.protocol.badge;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Role;

/** Encodes and signs badge tokens, and splits a scanned token into claims and signature. */
public final class BadgeCodec {
    /** Every token starts with this. */
    public static final String PREFIX = "GS1:";
    static final int SIGNATURE_BYTES = 64;
    static final int MAX_TOKEN_CHARS = 1200;
    private static final byte[] DOMAIN = "GS1".getBytes(StandardCharsets.US_ASCII);

    private BadgeCodec() {
    }

    /** Signs {@code claims} with the town's private key; the result goes into the QR code. */
    public static String sign(BadgeClaims claims, PrivateKey key) {
        byte[] body = Json.write(WireClaims.of(claims));
        if (body.length > 0xffff) {
            throw new IllegalArgumentException("claims too large");
        }
        byte[] sig;
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(DOMAIN);
            s.update(body);
            sig = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign badge", e);
        }
        byte[] token = new byte[2 + body.length + sig.length];
        token[0] = (byte) (body.length >> 8);
        token[1] = (byte) body.length;
        System.arraycopy(body, 0, token, 2, body.length);
        System.arraycopy(sig, 0, token, 2 + body.length, sig.length);
        return PREFIX + Base45.encode(token);
    }

    /** A token split into its parts; the signature is not yet checked. */
    record Parsed(BadgeClaims claims, byte[] signedBytes, byte[] signature) {
    }

    /**
     * Parses scanned text. Tolerates surrounding white space and a scanner that swapped letter
     * case (Base45 is upper case only).
     *
     * @throws IllegalArgumentException if it is not a well-formed token
     */
    static Parsed parse(String scanned) {
        if (scanned == null) {
            throw new IllegalArgumentException("nothing scanned");
        }
        String text = scanned.strip();
        if (text.length() > MAX_TOKEN_CHARS || text.length() <= PREFIX.length()
                || !text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new IllegalArgumentException("not a GridStation badge");
        }
        byte[] raw = Base45.decode(text.substring(PREFIX.length()).toUpperCase(Locale.ROOT));
        if (raw.length < 2 + SIGNATURE_BYTES) {
            throw new IllegalArgumentException("token too short");
        }
        int len = ((raw[0] & 0xff) << 8) | (raw[1] & 0xff);
        if (raw.length != 2 + len + SIGNATURE_BYTES) {
            throw new IllegalArgumentException("token length mismatch");
        }
        byte[] body = Arrays.copyOfRange(raw, 2, 2 + len);
        byte[] sig = Arrays.copyOfRange(raw, 2 + len, raw.length);
        BadgeClaims claims = Json.read(body, WireClaims.class).toClaims();
        byte[] signed = new byte[DOMAIN.length + body.length];
        System.arraycopy(DOMAIN, 0, signed, 0, DOMAIN.length);
        System.arraycopy(body, 0, signed, DOMAIN.length, body.length);
        return new Parsed(claims, signed, sig);
    }

    /** The compact JSON form inside a token: one-letter keys, epoch seconds. */
    record WireClaims(
            @JsonProperty("b") String b,
            @JsonProperty("p") String p,
            @JsonProperty("n") String n,
            @JsonProperty("r") Role r,
            @JsonProperty("g") String g,
            @JsonProperty("k") String k,
            @JsonProperty("i") long i,
            @JsonProperty("x") long x) {

        static WireClaims of(BadgeClaims c) {
            return new WireClaims(c.badgeId(), c.personId(), c.name(), c.role(), c.gridId(), c.keyId(),
                    c.issuedAt().getEpochSecond(), c.expiresAt().getEpochSecond());
        }

        BadgeClaims toClaims() {
            return new BadgeClaims(b, p, n, r, g, k, Instant.ofEpochSecond(i), Instant.ofEpochSecond(x));
        }
    }
}
