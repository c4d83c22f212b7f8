package org.gridstation.protocol.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.gridstation.protocol.Ids;

/**
 * A volunteer badged out and is no longer on duty at the station.
 *
 * @param personId who
 * @param badgeId which badge was shown
 */
public record CheckOut(String personId, String badgeId) implements EventBody {
    public static final String TYPE = "check-out";

    public CheckOut {
        Ids.require(personId, "personId");
        Ids.require(badgeId, "badgeId");
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
