package org.gridstation.firmware.mosquitto;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Random;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password-file line in Mosquitto 2.0's format, made without the {@code mosquitto_passwd}
 * binary: {@code username:$7$<iterations>$<base64 salt>$<base64 hash>}, the hash being
 * PBKDF2-HMAC-SHA512 of the password's UTF-8 bytes, 64 bytes long, with a 12-byte salt.
 */
public final class MosquittoPassword {
    /** {@code mosquitto_passwd}'s default iteration count in Mosquitto 2.0. */
    public static final int DEFAULT_ITERATIONS = 101;
    static final int SALT_BYTES = 12;
    private static final int HASH_BITS = 512;

    private MosquittoPassword() {
    }

    /** A line for {@code username} with a fresh salt from {@code random}. */
    public static String line(String username, String password, Random random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return line(username, password, salt, DEFAULT_ITERATIONS);
    }

    /** A line with the given salt and iteration count. */
    public static String line(String username, String password, byte[] salt, int iterations) {
        if (username == null || username.isEmpty() || username.contains(":") || username.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a Mosquitto username must be non-empty, without ':' or control characters");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password is required");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        Base64.Encoder b64 = Base64.getEncoder();
        return username + ":$7$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(pbkdf2(password, salt, iterations));
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        // The JDK's PBKDF2 feeds the password's chars to HMAC as UTF-8, as mosquitto_passwd does.
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
