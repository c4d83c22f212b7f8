package org.gridstation.protocol.downlink;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Role;
import org.gridstation.protocol.Schema;

/**
 * Retained on {@code gs/v1/stations/{id}/config}: what the station is and what its public wall
 * shows (公示): its name, services and hours, and the chain of grids above it with their leaders.
 *
 * @param schema contract version
 * @param version increases with every change; a kiosk ignores an older one
 * @param stationId the station
 * @param name the station's display name
 * @param gridId the grid the station belongs to
 * @param gridChain the grids from the town down to the station's grid, each with its leaders
 * @param services what the station offers and when
 * @param publicUrl the station's public page at the gateway, shown as a QR code
 * @param timezone the town's time zone, e.g. {@code Asia/Shanghai}
 * @param issuedAt gateway clock when published
 */
public record StationConfig(
        int schema,
        long version,
        String stationId,
        String name,
        String gridId,
        List<GridLevel> gridChain,
        List<Service> services,
        Optional<String> publicUrl,
        String timezone,
        Instant issuedAt) {

    public StationConfig {
        Schema.require(schema);
        Ids.require(stationId, "stationId");
        Ids.notNull(name, "name");
        Ids.require(gridId, "gridId");
        gridChain = List.copyOf(Ids.notNull(gridChain, "gridChain"));
        services = List.copyOf(Ids.notNull(services, "services"));
        publicUrl = publicUrl == null ? Optional.empty() : publicUrl;
        Ids.notNull(timezone, "timezone");
        Ids.notNull(issuedAt, "issuedAt");
    }

    /**
     * One grid in the chain, with the people who lead it.
     *
     * @param gridId the grid
     * @param name its name, e.g. 和兴村
     * @param level depth in the tree, 0 for the town
     * @param leaders who leads it, as shown on the wall
     */
    public record GridLevel(String gridId, String name, int level, List<Leader> leaders) {
        public GridLevel {
            Ids.require(gridId, "gridId");
            Ids.notNull(name, "name");
            leaders = List.copyOf(Ids.notNull(leaders, "leaders"));
        }
    }

    /**
     * A leader as shown on the public wall (亮身份).
     *
     * @param personId the person
     * @param name their name
     * @param role their grid role
     * @param phone their public contact number
     * @param duties what they are responsible for
     */
    public record Leader(String personId, String name, Role role, Optional<String> phone, Optional<String> duties) {
        public Leader {
            Ids.require(personId, "personId");
            Ids.notNull(name, "name");
            Ids.notNull(role, "role");
            phone = phone == null ? Optional.empty() : phone;
            duties = duties == null ? Optional.empty() : duties;
        }
    }

    /**
     * A service the station offers, e.g. 法律咨询, 每晚 19:00–21:30.
     *
     * @param name what
     * @param hours when, as text for the wall
     */
    public record Service(String name, String hours) {
        public Service {
            Ids.notNull(name, "name");
            Ids.notNull(hours, "hours");
        }
    }
}
