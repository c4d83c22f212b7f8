package org.gridstation.protocol;

/**
 * Validation of the identifiers that appear in topics and messages.
 *
 * <p>Station, person, grid and badge ids are short ASCII slugs ({@code [A-Za-z0-9_-]}, 1–64
 * characters) so that they are safe as MQTT topic levels, file names and URL path segments.
 */
public final class Ids {
    private Ids() {
    }

    /**
     * True if {@code id} is a valid slug: {@code [A-Za-z0-9_-]{1,64}}, checked without a regular
     * expression (every message's record checks its ids, and the regex was a visible share of
     * parsing and rendering messages at county scale).
     */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
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
