package org.gridstation.protocol.mqtt;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password hash in Mosquitto 2.0's password-file format, {@code $7$<iterations>$<base64
 * salt>$<base64 hash>}: PBKDF2-HMAC-SHA512 of the password's UTF-8 bytes, 64 bytes, with a 12-byte
 * salt — what {@code mosquitto_passwd} writes after {@code user:}. The gateway stores station
 * credentials in this form, so its embedded broker and a Mosquitto fed the same hashes accept the
 * same passwords.
 */
public final class MosquittoHash {
    /** {@code mosquitto_passwd}'s iteration count in Mosquitto 2.0 (the passwords are random, not chosen by people). */
    public static final int DEFAULT_ITERATIONS = 101;
    /** Salt length, as {@code mosquitto_passwd} makes it. */
    public static final int SALT_BYTES = 12;
    private static final int HASH_BITS = 512;
    private static final int MAX_ITERATIONS = 1_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MosquittoHash() {
    }

    /** The hash of {@code password} with a fresh random salt. */
    public static String hash(String password) {
        return hash(password, RANDOM);
    }

    /** The hash of {@code password} with a salt from {@code random} (tests pass a seeded one). */
    public static String hash(String password, Random random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return hash(password, salt, DEFAULT_ITERATIONS);
    }

    /** The hash with the given salt and iteration count. */
    public static String hash(String password, byte[] salt, int iterations) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password is required");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1-" + MAX_ITERATIONS);
        }
        Base64.Encoder b64 = Base64.getEncoder();
        return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(pbkdf2(password, salt, iterations));
    }

    /** True if {@code password} matches {@code hash}; false for a wrong password or a hash not in the $7$ form. */
    public static boolean verify(String password, String hash) {
        if (password == null || password.isEmpty() || hash == null) {
            return false;
        }
        String[] parts = hash.split("\\$", -1);
        if (parts.length != 5 || !parts[0].isEmpty() || !"7".equals(parts[1])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[2]);
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[3]);
            byte[] expected = Base64.getDecoder().decode(parts[4]);
            byte[] actual = pbkdf2(password, salt, iterations);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True if {@code hash} has the $7$ shape (so it can go into a Mosquitto password file). */
    public static boolean isWellFormed(String hash) {
        return hash != null && hash.matches("\\$7\\$[0-9]{1,7}\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+");
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        // The JDK's PBKDF2 gives HMAC the password's chars as UTF-8, as mosquitto_passwd does.
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
