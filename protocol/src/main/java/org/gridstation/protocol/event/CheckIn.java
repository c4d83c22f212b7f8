package org.gridstation.protocol.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Optional;
import org.gridstation.protocol.Ids;

/**
 * A volunteer badged in and is now on duty at the station.
 *
 * @param personId who, from the verified badge
 * @param badgeId which badge was shown
 * @param shiftId the roster shift this arrival fills, if the volunteer is scheduled tonight
 * @param scheduled false for an extra volunteer who is not on tonight's roster
 */
public record CheckIn(String personId, String badgeId, Optional<String> shiftId, boolean scheduled)
        implements EventBody {
    public static final String TYPE = "check-in";

    public CheckIn {
        Ids.require(personId, "personId");
        Ids.require(badgeId, "badgeId");
        shiftId = shiftId == null ? Optional.empty() : shiftId;
        shiftId.ifPresent(s -> Ids.require(s, "shiftId"));
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
