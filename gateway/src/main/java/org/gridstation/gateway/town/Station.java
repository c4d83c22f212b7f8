package org.gridstation.gateway.town;

import java.util.List;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.downlink.StationConfig;

/**
 * A service station (党群服务站) with its kiosk.
 *
 * @param id the station id, a slug such as {@code qingxi-hexing}
 * @param name its display name
 * @param gridId the grid it belongs to
 * @param services what it offers and when, for its public wall
 */
public record Station(String id, String name, String gridId, List<StationConfig.Service> services) {
    public Station {
        Ids.require(id, "stationId");
        Town.requireName(name, "name");
        Ids.require(gridId, "gridId");
        services = List.copyOf(Ids.notNull(services, "services"));
    }
}
