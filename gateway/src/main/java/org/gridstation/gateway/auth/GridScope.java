package org.gridstation.gateway.auth;

import java.util.Optional;
import org.gridstation.gateway.incident.Incident;
import org.gridstation.gateway.incident.Incidents;
import org.gridstation.gateway.town.Grid;
import org.gridstation.gateway.town.Town;

/**
 * What part of the town a principal sees: the whole town (admin, operator, viewer), a grid leader's
 * grid and every grid below it, or department staff's whistled incidents only.
 */
public final class GridScope {
    private final Town town;
    private final Incidents incidents;

    public GridScope(Town town, Incidents incidents) {
        this.town = town;
        this.incidents = incidents;
    }

    /** True if {@code p} sees the whole town. */
    public static boolean townWide(Principal p) {
        return p.role() == Role.ADMIN || p.role() == Role.OPERATOR || p.role() == Role.VIEWER;
    }

    /** True if {@code p} may see what belongs to {@code gridId} (a grid leader: their grid or one below it). */
    public boolean coversGrid(Principal p, Optional<String> gridId) {
        if (townWide(p)) {
            return true;
        }
        if (p.role() != Role.GRID_LEADER || p.gridId().isEmpty() || gridId.isEmpty()) {
            return false;
        }
        String mine = p.gridId().get();
        return town.gridChain(gridId.get()).stream().map(Grid::id).anyMatch(mine::equals);
    }

    /** True if {@code p} may see station {@code stationId}. */
    public boolean coversStation(Principal p, String stationId) {
        return townWide(p) || town.station(stationId).map(s -> coversGrid(p, Optional.of(s.gridId()))).orElse(false);
    }

    /** True if {@code p} may read incident {@code i}. */
    public boolean mayRead(Principal p, Incident i) {
        if (p.role() == Role.DEPARTMENT) {
            return whistledTo(p, i.id());
        }
        return coversGrid(p, i.gridId());
    }

    /** True if {@code p} may take a step on incident {@code i} (not a viewer). */
    public boolean mayAct(Principal p, Incident i) {
        return switch (p.role()) {
            case ADMIN, OPERATOR -> true;
            case GRID_LEADER -> coversGrid(p, i.gridId());
            case DEPARTMENT, VIEWER -> false;
        };
    }

    /** True if {@code p} is department staff of {@code departmentId} and it was whistled to on incident {@code id}. */
    public boolean isWhistledDepartment(Principal p, String id, String departmentId) {
        return p.role() == Role.DEPARTMENT && p.departmentId().filter(departmentId::equals).isPresent()
                && whistledTo(p, id);
    }

    private boolean whistledTo(Principal p, String id) {
        return p.departmentId().map(d -> incidents.whistles(id).stream().anyMatch(w -> w.departmentId().equals(d)))
                .orElse(false);
    }

    /** Throws {@link AccessDeniedException} unless {@code allowed}. */
    public static void require(boolean allowed, String what) {
        if (!allowed) {
            throw new AccessDeniedException("your role or grid does not allow this: " + what);
        }
    }
}
