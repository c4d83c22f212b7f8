package org.gridstation.gateway.town;

import java.util.Objects;
import java.util.Optional;
import org.gridstation.protocol.Ids;

/**
 * One grid of the tree: the town (level 0), a village (1), an area (2), a service team (3) …
 *
 * @param id the grid
 * @param parentId the grid above, empty for the root
 * @param name its display name, e.g. 和兴村
 * @param level its depth, 0 for the root
 */
public record Grid(String id, Optional<String> parentId, String name, int level) {
    public Grid {
        Ids.require(id, "gridId");
        parentId = parentId == null ? Optional.empty() : parentId;
        parentId.ifPresent(p -> Ids.require(p, "parentId"));
        Town.requireName(name, "name");
        if (level < 0) {
            throw new IllegalArgumentException("level must not be negative");
        }
        Objects.requireNonNull(parentId);
    }
}
