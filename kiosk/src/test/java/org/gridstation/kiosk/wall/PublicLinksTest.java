package org.gridstation.kiosk.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublicLinksTest {
    private final PublicLinks links = new PublicLinks("hexing", Optional.of("https://town.example/gs/stations/hexing"));

    @Test
    void ticketPage_replacesTheStationPathOfThePublicUrl() {
        assertEquals(Optional.of("https://town.example/gs"), links.base());
        assertEquals(Optional.of("https://town.example/gs/tickets/hexing-12"), links.ticketPage("hexing-12"));
        assertEquals(Optional.of("https://town.example/gs/tickets/fengshou-3"), links.ticketPage("fengshou-3"));
        assertEquals(Optional.empty(), links.ticketPage("../admin"));
    }

    @Test
    void onlyTheStationPageAndTicketPagesOfTheSameGateway_areAllowed() {
        assertTrue(links.allows("https://town.example/gs/stations/hexing"));
        assertTrue(links.allows("https://town.example/gs/tickets/hexing-7"));
        assertTrue(links.allows("https://town.example/gs/tickets/fengshou-7"), "another station's ticket, asked about here");
        assertFalse(links.allows("https://town.example/gs/tickets/hexing-7?x=1"));
        assertFalse(links.allows("https://town.example/gs/tickets/"));
        assertFalse(links.allows("https://town.example/gs/tickets/a/b"));
        assertFalse(links.allows("https://town.example/gs/stations/fengshou"), "another station's page");
        assertFalse(links.allows("https://evil.example/"));
        assertFalse(links.allows(null));
    }

    @Test
    void publicUrlNotNamingTheStation_givesNoTicketPages() {
        PublicLinks odd = new PublicLinks("hexing", Optional.of("https://town.example/wall"));
        assertEquals(Optional.empty(), odd.ticketPage("hexing-1"));
        assertTrue(odd.allows("https://town.example/wall"));
        assertFalse(odd.allows("https://town.example/tickets/hexing-1"));
    }

    @Test
    void aPublicUrlThatIsNotHttp_isIgnored() {
        assertEquals(Optional.empty(), new PublicLinks("hexing", Optional.of("javascript:alert(1)")).stationPage());
    }

    @Test
    void qrSvg_isAScalableSvgOfBlackModules() {
        String svg = QrSvg.render("https://town.example/gs/tickets/hexing-12");
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
        assertTrue(svg.contains("<path fill=\"#000\" d=\"M"));
    }
}
