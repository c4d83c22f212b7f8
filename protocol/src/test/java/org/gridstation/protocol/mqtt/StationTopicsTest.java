package org.gridstation.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.gridstation.protocol.Topics;
import org.junit.jupiter.api.Test;

class StationTopicsTest {
    @Test
    void aStation_publishesOnlyItsOwnUplinks() {
        assertTrue(StationTopics.mayPublish("hexing", Topics.events("hexing")));
        assertTrue(StationTopics.mayPublish("hexing", Topics.heartbeat("hexing")));
        assertTrue(StationTopics.mayPublish("hexing", Topics.status("hexing")));

        assertFalse(StationTopics.mayPublish("hexing", Topics.events("fengshou")), "another station's events");
        assertFalse(StationTopics.mayPublish("hexing", Topics.ack("hexing")), "its own downlink");
        assertFalse(StationTopics.mayPublish("hexing", Topics.TOWN_KEYS));
        assertFalse(StationTopics.mayPublish("hexing", "gs/v1/stations/hexing/events/x"));
        assertFalse(StationTopics.mayPublish("hexing", "other/topic"));
    }

    @Test
    void aStation_subscribesOnlyToItsOwnDownlinks_andTheTown() {
        for (Topics.Kind kind : Topics.Kind.values()) {
            assertEquals(!kind.uplink(), StationTopics.maySubscribe("hexing", Topics.station("hexing", kind)), kind.toString());
            assertFalse(StationTopics.maySubscribe("hexing", Topics.station("fengshou", kind)), kind.toString());
        }
        assertTrue(StationTopics.maySubscribe("hexing", Topics.TOWN_KEYS));
        assertTrue(StationTopics.maySubscribe("hexing", StationTopics.TOWN_FILTER));

        assertFalse(StationTopics.maySubscribe("hexing", "gs/v1/stations/+/ack"));
        assertFalse(StationTopics.maySubscribe("hexing", "gs/v1/stations/#"));
        assertFalse(StationTopics.maySubscribe("hexing", "gs/v1/#"));
        assertFalse(StationTopics.maySubscribe("hexing", "#"));
        assertFalse(StationTopics.maySubscribe("hexing", "gs/v1/stations/hexing/#"));
        assertFalse(StationTopics.maySubscribe("hexing", "$share/g/gs/v1/stations/hexing/ack"));
    }

    @Test
    void clientIds_nameTheirStation() {
        assertEquals("kiosk-hexing", StationTopics.clientId("hexing"));
        assertEquals(Optional.of("hexing"), StationTopics.stationOf("kiosk-hexing"));
        assertEquals(Optional.empty(), StationTopics.stationOf("gateway-main"));
        assertEquals(Optional.empty(), StationTopics.stationOf("kiosk-"));
        assertEquals(Optional.empty(), StationTopics.stationOf("kiosk-a/b"));
    }

    @Test
    void grants_listEveryKind_andTheTown() {
        var grants = StationTopics.grants("s1");

        assertEquals(Topics.Kind.values().length + 1, grants.size());
        assertEquals(new StationTopics.Grant(Topics.events("s1"), StationTopics.Access.WRITE), grants.get(0));
        assertEquals(new StationTopics.Grant(StationTopics.TOWN_FILTER, StationTopics.Access.READ), grants.get(grants.size() - 1));
        for (StationTopics.Grant g : grants) {
            assertEquals(g.access() == StationTopics.Access.WRITE, StationTopics.mayPublish("s1", g.topic()), g.toString());
            assertEquals(g.access() == StationTopics.Access.READ, StationTopics.maySubscribe("s1", g.topic()), g.toString());
        }
    }
}
