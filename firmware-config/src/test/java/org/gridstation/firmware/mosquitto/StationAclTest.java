package org.gridstation.firmware.mosquitto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StationAclTest {
    @Test
    void stanza_writesUplinks_readsDownlinks_andTheTown() {
        assertEquals("""
                user kiosk-s1
                topic write gs/v1/stations/s1/events
                topic write gs/v1/stations/s1/heartbeat
                topic write gs/v1/stations/s1/status
                topic read gs/v1/stations/s1/ack
                topic read gs/v1/stations/s1/config
                topic read gs/v1/stations/s1/roster
                topic read gs/v1/stations/s1/tickets
                topic read gs/v1/stations/s1/settings
                topic read gs/v1/town/#
                """, StationAcl.stanza("s1"));
    }

    @Test
    void stationIdWithWildcardOrSpace_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> StationAcl.stanza("s1/#"));
        assertThrows(IllegalArgumentException.class, () -> StationAcl.stanza("s 1"));
    }
}
