package org.gridstation.protocol.badge;

import java.io.ByteArrayOutputStream;

/** Base45 as in RFC 9285: bytes to text inside the QR alphanumeric alphabet. */
public final class Base45 {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final int[] VALUE = new int[128];

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE[ALPHABET.charAt(i)] = i;
        }
    }

    private Base45() {
    }

    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length + 1) / 2 * 3);
        int i = 0;
        for (; i + 1 < data.length; i += 2) {
            int n = ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45 % 45)).append(ALPHABET.charAt(n / 2025));
        }
        if (i < data.length) {
            int n = data[i] & 0xff;
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45));
        }
        return out.toString();
    }

    /** Decodes Base45 text; throws {@link IllegalArgumentException} on anything that is not. */
    public static byte[] decode(String text) {
        if (text.length() % 3 == 1) {
            throw new IllegalArgumentException("invalid Base45 length");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 3 * 2 + 1);
        for (int i = 0; i < text.length(); i += 3) {
            int c = value(text.charAt(i));
            int d = value(text.charAt(i + 1));
            if (i + 2 < text.length()) {
                int n = c + d * 45 + value(text.charAt(i + 2)) * 2025;
                if (n > 0xffff) {
                    throw new IllegalArgumentException("invalid Base45 triplet");
                }
                out.write(n >> 8);
                out.write(n & 0xff);
            } else {
                int n = c + d * 45;
                if (n > 0xff) {
                    throw new IllegalArgumentException("invalid Base45 pair");
                }
                out.write(n);
            }
        }
        return out.toByteArray();
    }

    private static int value(char ch) {
        int v = ch < 128 ? VALUE[ch] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("character outside the Base45 alphabet");
        }
        return v;
    }
}
