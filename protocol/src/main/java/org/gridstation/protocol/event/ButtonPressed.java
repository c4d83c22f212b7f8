package org.gridstation.protocol.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.gridstation.protocol.Ids;

/**
 * A hardware button at the station was pressed.
 *
 * @param button which one; {@link #EMERGENCY} is the station's emergency button
 */
public record ButtonPressed(String button) implements EventBody {
    public static final String TYPE = "button-pressed";
    public static final String EMERGENCY = "emergency";

    public ButtonPressed {
        Ids.require(button, "button");
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
