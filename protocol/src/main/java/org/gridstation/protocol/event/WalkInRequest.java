package org.gridstation.protocol.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gridstation.protocol.Ids;

/**
 * A villager filed a request or complaint at the kiosk. It becomes an incident at the gateway,
 * identified by its ticket number.
 *
 * @param ticket the ticket number the villager was given, unique town-wide ({@code {stationId}-{n}})
 * @param category what kind of problem
 * @param severity how serious
 * @param phone a phone number to call back, digits only (5–20), if the villager gave one
 * @param note a short note (at most {@value #MAX_NOTE} characters), if any
 * @param anonymous true if the villager asked not to be named to the people handling it
 */
public record WalkInRequest(
        String ticket,
        Category category,
        Severity severity,
        Optional<String> phone,
        Optional<String> note,
        boolean anonymous) implements EventBody {
    public static final String TYPE = "walk-in-request";
    public static final int MAX_NOTE = 500;
    private static final Pattern PHONE = Pattern.compile("[0-9]{5,20}");

    public WalkInRequest {
        Ids.require(ticket, "ticket");
        Ids.notNull(category, "category");
        Ids.notNull(severity, "severity");
        phone = phone == null ? Optional.empty() : phone.filter(p -> !p.isBlank());
        note = note == null ? Optional.empty() : note.map(String::strip).filter(n -> !n.isEmpty());
        phone.ifPresent(p -> {
            if (!PHONE.matcher(p).matches()) {
                throw new IllegalArgumentException("phone must be 5-20 digits");
            }
        });
        note.ifPresent(n -> {
            if (n.codePointCount(0, n.length()) > MAX_NOTE) {
                throw new IllegalArgumentException("note must be at most " + MAX_NOTE + " characters");
            }
        });
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
