package org.gridstation.gateway.downlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.gridstation.gateway.MutableClock;
import org.gridstation.gateway.badge.Badges;
import org.gridstation.gateway.fleet.FleetSettings;
import org.gridstation.gateway.incident.Incidents;
import org.gridstation.gateway.mqtt.Publisher;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.Roster;
import org.gridstation.protocol.downlink.StationConfig;
import org.gridstation.protocol.ticket.TicketBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the downlinks passes publish and when: the 30-s pass renders only the rosters whose duty
 * date moved on, everything at least every {@link Downlinks#FULL_PASS_EVERY} or after a change, and
 * a ticket pass publishes each station's own board.
 */
class DownlinksTest {
    @TempDir
    Path dir;

    /** A retained message as the gateway handed it to the broker. */
    record Sent(String topic, byte[] payload) {
    }

    static final class Recorder implements Publisher {
        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public boolean publish(String topic, byte[] payload, int qos, boolean retained) {
            assertTrue(retained, topic + " is retained");
            sent.add(new Sent(topic, payload));
            return true;
        }

        List<String> topics() {
            return sent.stream().map(Sent::topic).toList();
        }

        <T> T last(String topic, Class<T> type) {
            List<Sent> on = sent.stream().filter(s -> s.topic().equals(topic)).toList();
            assertTrue(!on.isEmpty(), "nothing published on " + topic);
            return Json.read(on.get(on.size() - 1).payload(), type);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    private Downlinks downlinks(Database db, Town town, MutableClock clock, Recorder out) {
        return new Downlinks(db, town, new Badges(db, town, dir.resolve("keys"), clock), out, clock,
                new StationDownlinks(town, s -> Optional.empty()), new Incidents(db), new FleetSettings(db, town, clock));
    }

    @Test
    void theThirtySecondPass_rendersRostersWhoseDateMoved_andEverythingEveryTenMinutes() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z")); // 20:00 in Shanghai
        try (Database db = TestStores.open(dir)) {
            db.start();
            Town town = new Town(db, MutableClock.SHANGHAI, "青溪镇", clock);
            List<String> stations = DemoTown.seed(town, 2);
            Recorder out = new Recorder();
            try (Downlinks downlinks = downlinks(db, town, clock, out)) {
                downlinks.periodicPassNow();
                for (String s : stations) {
                    assertTrue(out.topics().contains(Topics.config(s)), "the first pass renders everything: " + s);
                    assertEquals(LocalDate.of(2026, 11, 23), out.last(Topics.roster(s), Roster.class).date());
                }

                out.sent.clear();
                clock.advance(Duration.ofMinutes(1));
                downlinks.periodicPassNow();
                assertEquals(List.of(), out.topics(), "nothing changed");

                // as another gateway instance (or an administrator in SQL) would: no change heard here
                String renamed = stations.get(0);
                db.write(c -> {
                    try (var ps = c.prepareStatement("UPDATE stations SET name=? WHERE id=?")) {
                        ps.setString(1, "改名后的服务站");
                        ps.setString(2, renamed);
                        return ps.executeUpdate();
                    }
                });
                clock.advance(Duration.ofMinutes(1));
                downlinks.periodicPassNow();
                assertEquals(List.of(), out.topics(), "a 30-s pass renders no config while nothing was heard");

                clock.advance(Downlinks.FULL_PASS_EVERY);
                downlinks.periodicPassNow();
                assertEquals(List.of(Topics.config(renamed)), out.topics(), "the full pass finds the change");
                StationConfig config = out.last(Topics.config(renamed), StationConfig.class);
                assertEquals("改名后的服务站", config.name());
                assertEquals(2, config.version());

                out.sent.clear();
                clock.set(Instant.parse("2026-11-23T16:00:30Z")); // 00:00:30 on the 24th in Shanghai
                downlinks.periodicPassNow();
                List<String> rosters = stations.stream().map(Topics::roster).toList();
                assertEquals(Set.copyOf(rosters), Set.copyOf(out.topics()), "only the rosters, for the new day");
                for (String s : stations) {
                    assertEquals(LocalDate.of(2026, 11, 24), out.last(Topics.roster(s), Roster.class).date());
                }

                out.sent.clear();
                db.write(c -> {
                    try (var ps = c.prepareStatement("UPDATE stations SET name=? WHERE id=?")) {
                        ps.setString(1, "又改名的服务站");
                        ps.setString(2, renamed);
                        return ps.executeUpdate();
                    }
                });
                downlinks.requestRefresh(); // a change heard: the next pass renders everything
                await("the change heard is published", () -> out.topics().contains(Topics.config(renamed)));
                assertEquals("又改名的服务站", out.last(Topics.config(renamed), StationConfig.class).name());
            }
        }
    }

    @Test
    void aTicketPass_publishesEachStationsOwnBoard() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
        try (Database db = TestStores.open(dir)) {
            db.start();
            Town town = new Town(db, MutableClock.SHANGHAI, "青溪镇", clock);
            List<String> stations = DemoTown.seed(town, 3);
            List<String> filed = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                String station = stations.get(i % 2); // the third station files nothing
                String id = station + "-" + i;
                long at = clock.millis() - Duration.ofMinutes(70 - i).toMillis();
                db.write(c -> {
                    try (var ps = c.prepareStatement("""
                            INSERT INTO incidents(id, station_id, grid_id, category, severity, status, anonymous,
                            created_at, reported_at, event_id, level, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""")) {
                        ps.setString(1, id);
                        ps.setString(2, station);
                        ps.setString(3, town.station(station).orElseThrow().gridId());
                        ps.setString(4, "environment");
                        ps.setString(5, "normal");
                        ps.setString(6, "new");
                        ps.setInt(7, 0);
                        ps.setLong(8, at);
                        ps.setLong(9, at);
                        ps.setString(10, "e-" + id);
                        ps.setString(11, "team");
                        ps.setLong(12, at);
                        return ps.executeUpdate();
                    }
                });
                filed.add(id);
            }
            Recorder out = new Recorder();
            try (Downlinks downlinks = downlinks(db, town, clock, out)) {
                Set<String> asked = new java.util.HashSet<>(stations);
                asked.add("no-such-station");
                downlinks.requestTickets(asked);
                await("three boards", () -> out.topics().stream().filter(t -> t.endsWith("/tickets")).count() == 3);
                downlinks.periodicPassNow(); // queued behind the ticket pass on the downlinks thread: that pass is done
                assertFalse(out.topics().contains(Topics.tickets("no-such-station")), "no board for a station the town does not have");
                assertEquals(3, out.topics().stream().filter(t -> t.endsWith("/tickets")).count(), "each board once");
                for (int k = 0; k < 3; k++) {
                    String station = stations.get(k);
                    TicketBoard board = out.last(Topics.tickets(station), TicketBoard.class);
                    assertEquals(station, board.stationId());
                    List<String> expected = new ArrayList<>(filed.stream().filter(id -> id.startsWith(station + "-")).toList());
                    Collections.reverse(expected);
                    assertEquals(expected, board.tickets().stream().map(TicketBoard.Ticket::ticket).toList(),
                            "newest first, only " + station + "'s own");
                }
            }
        }
    }
}
