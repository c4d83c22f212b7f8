package org.gridstation.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.gridstation.protocol.badge.RefusalReason;
import org.gridstation.protocol.downlink.Ack;
import org.gridstation.protocol.downlink.OnDutyList;
import org.gridstation.protocol.downlink.PublicKeys;
import org.gridstation.protocol.downlink.RevocationList;
import org.gridstation.protocol.downlink.Roster;
import org.gridstation.protocol.downlink.StationConfig;
import org.gridstation.protocol.downlink.StationSettings;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.CheckIn;
import org.gridstation.protocol.event.CheckOut;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.EventBody;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.ScanRefused;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.TicketFeedback;
import org.gridstation.protocol.event.WalkInRequest;
import org.gridstation.protocol.station.Heartbeat;
import org.gridstation.protocol.station.StationStatus;
import org.gridstation.protocol.ticket.LadderLevel;
import org.gridstation.protocol.ticket.TicketBoard;
import org.gridstation.protocol.ticket.TicketStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire format is fixed by the files in {@code src/test/resources/golden}: each must parse to
 * the message built here, and that message must serialise back to the same JSON.
 */
class GoldenFixturesTest {

    private static final Instant ISSUED = Instant.parse("2026-11-23T01:00:00Z");

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("event-check-in.json", Event.class, event(1, 42, "2026-11-23T11:02:03Z",
                        new CheckIn("p-017", "b-017-1", Optional.of("hexing-20261123-night"), true))),
                Arguments.of("event-check-out.json", Event.class, event(2, 43, "2026-11-23T13:31:00Z",
                        new CheckOut("p-017", "b-017-1"))),
                Arguments.of("event-scan-refused.json", Event.class, event(3, 44, "2026-11-23T11:05:00Z",
                        new ScanRefused(RefusalReason.REVOKED, Optional.of("b-021-1"), Optional.of("p-021")))),
                Arguments.of("event-walk-in-request.json", Event.class, event(4, 45, "2026-11-23T11:20:00Z",
                        new WalkInRequest("hexing-45", Category.DISPUTE_MEDIATION, Severity.MAJOR,
                                Optional.of("13800138000"), Optional.of("邻居违章搭建挡住通道"), false))),
                Arguments.of("event-button-pressed.json", Event.class, event(5, 46, "2026-11-23T11:30:00Z",
                        new ButtonPressed(ButtonPressed.EMERGENCY))),
                Arguments.of("event-ticket-feedback.json", Event.class, event(6, 47, "2026-11-25T02:00:00Z",
                        new TicketFeedback("hexing-45", Rating.BASICALLY_SATISFIED))),
                Arguments.of("heartbeat.json", Heartbeat.class, new Heartbeat(1, "hexing",
                        Instant.parse("2026-11-23T11:02:30Z"), 86400, 12_884_901_888L, Optional.of(51.5), 0, 42,
                        List.of("p-017"), "0.1.0")),
                Arguments.of("status-offline.json", StationStatus.class,
                        StationStatus.of("hexing", false, Instant.parse("2026-11-23T10:00:00Z"), "0.1.0")),
                Arguments.of("ack.json", Ack.class, Ack.of("hexing",
                        List.of(uuid(1), uuid(2)), Instant.parse("2026-11-23T13:31:00.250Z"))),
                Arguments.of("station-config.json", StationConfig.class, stationConfig()),
                Arguments.of("roster.json", Roster.class, roster()),
                Arguments.of("public-keys.json", PublicKeys.class, new PublicKeys(1, List.of(new PublicKeys.Key(
                        "k2026a", "Ed25519", "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
                        Instant.parse("2029-11-23T00:00:00Z"))), ISSUED)),
                Arguments.of("on-duty.json", OnDutyList.class, new OnDutyList(1, List.of(new OnDutyList.Entry("p-017",
                        "hexing", Instant.parse("2026-11-23T11:02:03.250Z"))), Instant.parse("2026-11-23T11:02:04Z"))),
                Arguments.of("revocations.json", RevocationList.class,
                        new RevocationList(1, 7, Set.of("b-033-2", "b-021-1"), ISSUED)),
                Arguments.of("ticket-board.json", TicketBoard.class, ticketBoard()),
                Arguments.of("settings.json", StationSettings.class, new StationSettings(1, "hexing", 4,
                        java.util.Map.of("speech.enabled", "true", "screen.dim.seconds", "180"), ISSUED)),
                Arguments.of("heartbeat-settings.json", Heartbeat.class, new Heartbeat(1, "hexing",
                        Instant.parse("2026-11-23T11:02:30Z"), 86400, 12_884_901_888L, Optional.empty(), 3, 42,
                        List.of(), "0.1.0", Optional.of(4L), Optional.of("heartbeat.seconds must be a whole number from 10 to 600"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureParsesToTheMessage(String file, Class<?> type, Object expected) throws IOException {
        assertEquals(expected, Json.read(golden(file), type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void messageSerialisesToTheFixture(String file, Class<?> type, Object message) throws IOException {
        JsonNode expected = Json.mapper().readTree(golden(file));
        JsonNode actual = Json.mapper().readTree(Json.write(message));
        assertEquals(expected, actual);
    }

    private static Event event(int n, long seq, String deviceTime, EventBody body) {
        return new Event(1, uuid(n), "hexing", seq, Instant.parse(deviceTime), body);
    }

    private static UUID uuid(int n) {
        return UUID.fromString(String.format("5f0c6f1e-3b9a-4c1d-9a57-0d5a2c3e4f%02d", n));
    }

    private static StationConfig stationConfig() {
        return new StationConfig(1, 3, "hexing", "和兴村党群服务站", "hexing-2", List.of(
                new StationConfig.GridLevel("caojing", "漕泾镇", 0, List.of(new StationConfig.Leader("p-001", "王建国",
                        Role.SUPERVISOR, Optional.of("13900000001"), Optional.of("指导网格党建工作")))),
                new StationConfig.GridLevel("hexing-2", "和兴村第二片区", 2, List.of(new StationConfig.Leader("p-010",
                        "李秀英", Role.SUBGRID_LEADER, Optional.of("13900000010"), Optional.empty())))),
                List.of(new StationConfig.Service("法律咨询、矛盾调解、村民议事", "每晚 19:00–21:30")),
                Optional.of("http://gateway.local:8080/stations/hexing"), "Asia/Shanghai", ISSUED);
    }

    private static TicketBoard ticketBoard() {
        return new TicketBoard(1, "hexing", 12, List.of(
                new TicketBoard.Ticket("hexing-45", Category.DISPUTE_MEDIATION, Severity.MAJOR, TicketStatus.RESOLVED,
                        LadderLevel.VILLAGE, Instant.parse("2026-11-23T11:20:01Z"), Instant.parse("2026-11-24T08:15:00Z"),
                        Optional.of("村调委会已组织双方协商，通道已清理。"), Optional.of(Rating.BASICALLY_SATISFIED)),
                new TicketBoard.Ticket("hexing-sos-46", Category.SAFETY_HAZARD, Severity.URGENT, TicketStatus.ACCEPTED,
                        LadderLevel.TEAM, Instant.parse("2026-11-23T11:30:00.500Z"),
                        Instant.parse("2026-11-23T11:31:10Z"), Optional.empty(), Optional.empty())),
                Instant.parse("2026-11-24T08:15:01Z"));
    }

    private static Roster roster() {
        return new Roster(1, "hexing", LocalDate.of(2026, 11, 23), List.of(new Roster.Shift("hexing-20261123-night",
                "夜间值班", OffsetDateTime.parse("2026-11-23T19:00:00+08:00"), OffsetDateTime.parse("2026-11-23T21:30:00+08:00"),
                2, List.of(new Roster.Volunteer("p-017", "张伟", Role.GRID_MEMBER),
                        new Roster.Volunteer("p-018", "陈静", Role.VOLUNTEER)))), ISSUED);
    }

    private static byte[] golden(String file) throws IOException {
        try (InputStream in = GoldenFixturesTest.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                throw new IOException("missing fixture " + file);
            }
            return in.readAllBytes();
        }
    }
}
