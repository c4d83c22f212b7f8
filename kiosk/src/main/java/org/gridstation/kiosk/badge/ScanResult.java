package org.gridstation.kiosk.badge;

import java.util.Optional;

/**
 * What the kiosk answers to one scan. A refusal is a result too: the scan was processed.
 *
 * @param accepted whether the badge was accepted
 * @param action {@code in}, {@code out} or {@code refused}
 * @param reason what the volunteer reads, in the requested language
 * @param refusal for a refusal, the machine-readable reason ({@code expired}, {@code revoked}, … as
 *     in {@link org.gridstation.protocol.badge.RefusalReason})
 * @param personId the holder, for an accepted badge
 * @param name the holder's name, for an accepted badge
 * @param scheduled for a check-in: whether the holder is on tonight's roster
 */
public record ScanResult(boolean accepted, String action, String reason, Optional<String> refusal,
        Optional<String> personId,
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
        refusal = refusal == null ? Optional.empty() : refusal;
        if (accepted == refusal.isPresent()) {
            throw new IllegalArgumentException("a refusal, and only a refusal, names its reason");
        }
        personId = personId == null ? Optional.empty() : personId;
        name = name == null ? Optional.empty() : name;
        scheduled = scheduled == null ? Optional.empty() : scheduled;
    }
}
