package org.gridstation.gateway.town;

import java.util.Optional;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Role;

/**
 * A volunteer or leader. Phone numbers are personal data: never log them.
 *
 * @param id the person
 * @param name their name (personal data)
 * @param role their grid role
 * @param gridId the grid they belong to
 * @param phone their public contact number, if they publish one
 * @param duties what they are responsible for, for the public wall
 */
public record Person(String id, String name, Role role, String gridId, Optional<String> phone, Optional<String> duties) {
    public Person {
        Ids.require(id, "personId");
        Town.requireName(name, "name");
        if (name.length() > 40) {
            throw new IllegalArgumentException("name must be at most 40 characters");
        }
        Ids.notNull(role, "role");
        Ids.require(gridId, "gridId");
        phone = phone == null ? Optional.empty() : phone.filter(p -> !p.isBlank());
        phone.ifPresent(p -> {
            if (!p.matches("[0-9+\\- ]{5,20}")) {
                throw new IllegalArgumentException("phone must be 5-20 digits");
            }
        });
        duties = duties == null ? Optional.empty() : duties.filter(d -> !d.isBlank());
    }

    /** Leaders are shown on a station's public wall. */
    public boolean isLeader() {
        return switch (role) {
            case SUPERVISOR, GRID_CHIEF, INSTRUCTOR, SUBGRID_LEADER -> true;
            case GRID_MEMBER, VOLUNTEER -> false;
        };
    }
}
