package org.gridstation.gateway.town;

import java.util.List;
import java.util.Optional;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.downlink.StationConfig;

/**
 * A service station (党群服务站) with its kiosk.
 *
 * @param id the station id, a slug such as {@code qingxi-hexing}
 * @param name its display name
 * @param gridId the grid it belongs to
 * @param services what it offers and when, for its public wall
 * @param location where it stands, if known
 */
public record Station(String id, String name, String gridId, List<StationConfig.Service> services,
        Optional<Location> location) {
    public Station(String id, String name, String gridId, List<StationConfig.Service> services) {
        this(id, name, gridId, services, Optional.empty());
    }

    public Station {
        location = location == null ? Optional.empty() : location;
        Ids.require(id, "stationId");
        Town.requireName(name, "name");
        Ids.require(gridId, "gridId");
        services = List.copyOf(Ids.notNull(services, "services"));
    }
}
