package org.gridstation.gateway.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.gridstation.gateway.roster.NoShow;

/** The incident a station left unstaffed at a shift's start becomes: one per shift. */
public final class NoShowIncident {
    private NoShowIncident() {
    }

    /** {@code noshow-{shiftId}}, or a digest of the shift id where that would exceed 64 characters. */
    public static String id(NoShow n) {
        String id = "noshow-" + n.shiftId();
        if (id.length() <= 64 && id.matches("[A-Za-z0-9_-]+")) {
            return id;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(n.shiftId().getBytes(StandardCharsets.UTF_8));
            return "noshow-" + HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why, for the people handling it. */
    public static String note(NoShow n) {
        return "值班缺员：班次 " + n.shiftId() + " 需 " + n.required() + " 人，到岗 " + n.present() + " 人";
    }
}
