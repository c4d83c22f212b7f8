package org.gridstation.kiosk.wall;

import java.util.Optional;
import java.util.regex.Pattern;
import org.gridstation.protocol.Ids;

/**
 * The public links of one station, derived from the {@code publicUrl} of its
 * {@link org.gridstation.protocol.downlink.StationConfig}: the station page itself
 * ({@code https://town.example/stations/hexing}) and the tracking page of each of its tickets
 * ({@code https://town.example/tickets/hexing-12}, or another station's ticket), whose base is the station page with
 * {@code /stations/{id}} removed.
 *
 * @param stationId the station
 * @param stationPage the station's public page, if the gateway has sent one
 */
public record PublicLinks(String stationId, Optional<String> stationPage) {
    private static final Pattern URL = Pattern.compile("https?://[\\x21-\\x7e]{1,400}");

    public PublicLinks {
        if (stationId == null || stationId.isBlank()) {
            throw new IllegalArgumentException("stationId is required");
        }
        stationPage = stationPage == null ? Optional.empty()
                : stationPage.map(String::strip).filter(u -> URL.matcher(u).matches());
    }

    /** The gateway's public base ({@code https://town.example}), if the station page names this station. */
    public Optional<String> base() {
        String suffix = "/stations/" + stationId;
        return stationPage.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .filter(u -> u.endsWith(suffix))
                .map(u -> u.substring(0, u.length() - suffix.length()));
    }

    /**
     * The gateway's tracking page of a ticket, if the base is known: one of this station's, or one
     * filed at another station of the same town that a villager asks about here.
     */
    public Optional<String> ticketPage(String ticket) {
        return Ids.isValid(ticket) ? base().map(b -> b + "/tickets/" + ticket) : Optional.empty();
    }

    /**
     * Whether {@code text} is one of the gateway's public links this kiosk shows: the station page or
     * a ticket's tracking page (the only texts the kiosk encodes as QR).
     */
    public boolean allows(String text) {
        if (text == null) {
            return false;
        }
        if (stationPage.isPresent() && stationPage.get().equals(text)) {
            return true;
        }
        Optional<String> prefix = base().map(b -> b + "/tickets/");
        return prefix.isPresent() && text.startsWith(prefix.get())
                && Ids.isValid(text.substring(prefix.get().length()));
    }
}
