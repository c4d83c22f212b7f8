package org.gridstation.kiosk.badge;

import java.util.Optional;

/**
 * What the kiosk answers to one scan. A refusal is a result too: the scan was processed.
 *
 * @param accepted whether the badge was accepted
 * @param action {@code in}, {@code out} or {@code refused}
 * @param reason what the volunteer reads, in the requested language
 * @param personId the holder, for an accepted badge
 * @param name the holder's name, for an accepted badge
 * @param scheduled for a check-in: whether the holder is on tonight's roster
 */
public record ScanResult(boolean accepted, String action, String reason, Optional<String> personId,
        Optional<String> name, Optional<Boolean> scheduled) {
    public static final String IN = "in";
    public static final String OUT = "out";
    public static final String REFUSED = "refused";

    public ScanResult {
        if (!IN.equals(action) && !OUT.equals(action) && !REFUSED.equals(action)) {
            throw new IllegalArgumentException("action must be in, out or refused");
        }
        if (accepted == REFUSED.equals(action)) {
            throw new IllegalArgumentException("accepted must match the action");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required");
        }
        personId = personId == null ? Optional.empty() : personId;
        name = name == null ? Optional.empty() : name;
        scheduled = scheduled == null ? Optional.empty() : scheduled;
    }
}
