package org.gridstation.gateway.town;

/**
 * Where a station stands (WGS-84 degrees), for the command centre's map and Open311's
 * {@code lat}/{@code long}.
 *
 * @param lat latitude, -90 to 90
 * @param lon longitude, -180 to 180
 */
public record Location(double lat, double lon) {
    public Location {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("lat must be -90..90 and lon -180..180 (decimal degrees)");
        }
    }
}
