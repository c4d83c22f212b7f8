package org.gridstation.kiosk.wall;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The public links of one station, derived from the {@code publicUrl} of its
 * {@link org.gridstation.protocol.downlink.StationConfig}: the station page itself
 * ({@code https://town.example/stations/hexing}) and the tracking page of each of its tickets
 * ({@code https://town.example/tickets/hexing-12}), whose base is the station page with
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

    /** The tracking page of one of this station's tickets, if the base is known. */
    public Optional<String> ticketPage(String ticket) {
        return isOwnTicket(ticket) ? base().map(b -> b + "/tickets/" + ticket) : Optional.empty();
    }

    /** Whether {@code text} is one of this station's public links (the only texts the kiosk encodes as QR). */
    public boolean allows(String text) {
        if (text == null) {
            return false;
        }
        if (stationPage.isPresent() && stationPage.get().equals(text)) {
            return true;
        }
        Optional<String> prefix = base().map(b -> b + "/tickets/");
        return prefix.isPresent() && text.startsWith(prefix.get())
                && isOwnTicket(text.substring(prefix.get().length()));
    }

    private boolean isOwnTicket(String ticket) {
        return ticket != null && ticket.startsWith(stationId + "-")
                && ticket.substring(stationId.length() + 1).matches("[0-9]{1,12}");
    }
}
