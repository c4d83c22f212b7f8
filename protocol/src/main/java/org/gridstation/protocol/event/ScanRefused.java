package org.gridstation.protocol.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Optional;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.badge.RefusalReason;

/**
 * A scanned badge was refused. The raw scanned text is never sent (it may be anything).
 *
 * @param reason why
 * @param badgeId the badge id, where the token was readable enough to name one
 * @param personId the holder, where the token was readable enough to name one
 */
public record ScanRefused(RefusalReason reason, Optional<String> badgeId, Optional<String> personId)
        implements EventBody {
    public static final String TYPE = "scan-refused";

    public ScanRefused {
        Ids.notNull(reason, "reason");
        badgeId = badgeId == null ? Optional.empty() : badgeId;
        personId = personId == null ? Optional.empty() : personId;
        badgeId.ifPresent(b -> Ids.require(b, "badgeId"));
        personId.ifPresent(p -> Ids.require(p, "personId"));
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
