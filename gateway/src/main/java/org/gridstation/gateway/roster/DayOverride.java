package org.gridstation.gateway.roster;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.gridstation.protocol.Ids;

/**
 * A one-off change to one date of a template: cancel that day's shift, change how many it needs,
 * or add and remove people.
 *
 * @param templateId the template
 * @param date the date of the shift it changes
 * @param cancelled true: no shift that day
 * @param required a different headcount that day, if any
 * @param add people on duty that day in addition
 * @param remove people of the rotation not on duty that day
 * @param note why, for the grid leader
 */
public record DayOverride(String templateId, LocalDate date, boolean cancelled, Optional<Integer> required,
        List<String> add, List<String> remove, Optional<String> note) {
    public DayOverride {
        Ids.require(templateId, "templateId");
        Ids.notNull(date, "date");
        required = required == null ? Optional.empty() : required;
        required.ifPresent(r -> {
            if (r < 0 || r > 1000) {
                throw new IllegalArgumentException("required must be 0-1000");
            }
        });
        add = List.copyOf(add == null ? List.of() : add);
        remove = List.copyOf(remove == null ? List.of() : remove);
        add.forEach(p -> Ids.require(p, "add[]"));
        remove.forEach(p -> Ids.require(p, "remove[]"));
        note = note == null ? Optional.empty() : note.filter(n -> !n.isBlank());
        note.ifPresent(n -> {
            if (n.length() > 200) {
                throw new IllegalArgumentException("note must be at most 200 characters");
            }
        });
    }
}
