package org.gridstation.firmware.mosquitto;

import java.util.Random;
import org.gridstation.protocol.mqtt.MosquittoHash;

/**
 * A password-file line in Mosquitto 2.0's format, made without the {@code mosquitto_passwd}
 * binary: {@code username:} followed by the {@link MosquittoHash} of the password
 * ({@code $7$<iterations>$<base64 salt>$<base64 hash>}, PBKDF2-HMAC-SHA512).
 */
public final class MosquittoPassword {
    /** {@code mosquitto_passwd}'s default iteration count in Mosquitto 2.0. */
    public static final int DEFAULT_ITERATIONS = MosquittoHash.DEFAULT_ITERATIONS;
    static final int SALT_BYTES = MosquittoHash.SALT_BYTES;

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
        return hashLine(username, MosquittoHash.hash(password, salt, iterations));
    }

    /** A line for {@code username} with a hash already made (as the gateway stores them). */
    public static String hashLine(String username, String hash) {
        if (username == null || username.isEmpty() || username.contains(":") || username.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a Mosquitto username must be non-empty, without ':' or control characters");
        }
        if (!MosquittoHash.isWellFormed(hash)) {
            throw new IllegalArgumentException("not a $7$ password hash");
        }
        return username + ":" + hash;
    }

    /** The hash part of a line ({@code username:hash}). */
    public static String hashOf(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a password-file line");
        }
        return line.substring(colon + 1).strip();
    }
}
