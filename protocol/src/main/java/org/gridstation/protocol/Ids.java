package org.gridstation.protocol;

import java.util.regex.Pattern;

/**
 * Validation of the identifiers that appear in topics and messages.
 *
 * <p>Station, person, grid and badge ids are short ASCII slugs ({@code [A-Za-z0-9_-]}, 1–64
 * characters) so that they are safe as MQTT topic levels, file names and URL path segments.
 */
public final class Ids {
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {
    }

    /** True if {@code id} is a valid slug. */
    public static boolean isValid(String id) {
        return id != null && SLUG.matcher(id).matches();
    }

    /** Returns {@code id}, or throws naming {@code what} if it is not a valid slug. */
    public static String require(String id, String what) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(what + " must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        return id;
    }

    /** Returns {@code value}, or throws naming {@code what} if it is null. */
    public static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }
}
