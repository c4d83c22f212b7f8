package org.gridstation.kiosk.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.gridstation.protocol.Role;
import org.gridstation.protocol.badge.BadgeClaims;
import org.gridstation.protocol.badge.BadgeCodec;
import org.gridstation.protocol.badge.KeyRing;
import org.gridstation.protocol.downlink.PublicKeys;
import org.gridstation.protocol.downlink.RevocationList;
import org.gridstation.protocol.downlink.Roster;
import org.gridstation.protocol.downlink.StationConfig;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.ticket.LadderLevel;
import org.gridstation.protocol.ticket.TicketBoard;
import org.gridstation.protocol.ticket.TicketStatus;

/** A town's signing key, badges and downlink messages for tests. */
public final class TestTown {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private final KeyPair key;

    public TestTown() {
        try {
            key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublicKeys publicKeys() {
        return new PublicKeys(1, List.of(new PublicKeys.Key("k1", "Ed25519", KeyRing.encode(key.getPublic()),
                Instant.now().plus(Duration.ofDays(3650)))), Instant.now());
    }

    public String badge(String personId, String name) {
        return badge(personId, name, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
    }

    public String badge(String personId, String name, Instant issued, Instant expires) {
        return BadgeCodec.sign(new BadgeClaims("b-" + personId, personId, name, Role.GRID_MEMBER, "grid-1", "k1",
                issued, expires), key.getPrivate());
    }

    /** A badge signed by some other key that claims the town's key id. */
    public static String forged(String personId, String name) {
        return new TestTown().badge(personId, name);
    }

    public static RevocationList revocations(long version, String... badgeIds) {
        return new RevocationList(1, version, Set.of(badgeIds), Instant.now());
    }

    /** Tonight's roster (today in the town zone, 19:00–21:30) with the given volunteers. */
    public static Roster roster(String stationId, String... personIds) {
        LocalDate today = LocalDate.now(ZONE);
        ZonedDateTime start = today.atTime(19, 0).atZone(ZONE);
        List<Roster.Volunteer> vs = java.util.Arrays.stream(personIds)
                .map(p -> new Roster.Volunteer(p, "志愿者" + p, Role.VOLUNTEER)).toList();
        return new Roster(1, stationId, today, List.of(new Roster.Shift("night-1", "夜间值班", start.toOffsetDateTime(),
                start.plusMinutes(150).toOffsetDateTime(), 2, vs)), Instant.now());
    }

    public static StationConfig config(String stationId, String name) {
        return new StationConfig(1, 1, stationId, name, "grid-1", List.of(new StationConfig.GridLevel("grid-1", "和兴村", 1,
                List.of())), List.of(new StationConfig.Service("法律咨询", "每晚 19:00–21:30")),
                java.util.Optional.empty(), "Asia/Shanghai", Instant.now());
    }

    /** A config as a real town sends it: a grid chain with leaders, services and the public page. */
    public static StationConfig wallConfig(String stationId, String name, String publicUrl) {
        return new StationConfig(1, 2, stationId, name, "grid-hexing", List.of(
                new StationConfig.GridLevel("town-qingxi", "清溪镇", 0, List.of(
                        leader("p-zhou", "周建国", Role.SUPERVISOR, "0571-8812 3456", "全镇网格督导"))),
                new StationConfig.GridLevel("grid-hexing", "和兴村", 1, List.of(
                        leader("p-li", "李秀英", Role.GRID_CHIEF, "138 0571 2233", "全村网格总负责、矛盾调解"),
                        leader("p-wang", "王志强", Role.INSTRUCTOR, "139 0571 4455", "政策宣传、法律咨询"))),
                new StationConfig.GridLevel("grid-hexing-2", "和兴村二片区", 2, List.of(
                        leader("p-chen", "陈海燕", Role.SUBGRID_LEADER, "137 0571 6677", "二片区走访、代办服务")))),
                List.of(new StationConfig.Service("法律咨询", "每晚 19:00–21:30"),
                        new StationConfig.Service("矛盾调解", "每周三 19:00–21:00"),
                        new StationConfig.Service("代办服务", "每天 8:30–17:00")),
                java.util.Optional.of(publicUrl), "Asia/Shanghai", Instant.now());
    }

    /**
     * A ticket board as the gateway publishes it: {@code {station}-45} resolved at the village with a
     * public answer, {@code {station}-46} still being handled by the service team, {@code {station}-47} closed.
     */
    public static TicketBoard ticketBoard(String stationId, long version) {
        Instant filed = Instant.parse("2026-11-23T11:20:01Z");
        return new TicketBoard(1, stationId, version, List.of(
                new TicketBoard.Ticket(stationId + "-45", Category.DISPUTE_MEDIATION, Severity.MAJOR, TicketStatus.RESOLVED,
                        LadderLevel.VILLAGE, filed, Instant.parse("2026-11-24T08:15:00Z"),
                        java.util.Optional.of("村调委会已组织双方协商，通道已清理。"), java.util.Optional.empty()),
                new TicketBoard.Ticket(stationId + "-46", Category.SAFETY_HAZARD, Severity.URGENT, TicketStatus.DISPATCHED,
                        LadderLevel.TEAM, filed.plusSeconds(600), filed.plusSeconds(700), java.util.Optional.empty(),
                        java.util.Optional.empty()),
                new TicketBoard.Ticket(stationId + "-47", Category.ENVIRONMENT, Severity.NORMAL, TicketStatus.CLOSED,
                        LadderLevel.AREA, filed.plusSeconds(900), filed.plusSeconds(90_000),
                        java.util.Optional.of("垃圾已清运。"), java.util.Optional.of(Rating.SATISFIED))),
                Instant.now());
    }

    private static StationConfig.Leader leader(String id, String name, Role role, String phone, String duties) {
        return new StationConfig.Leader(id, name, role, java.util.Optional.of(phone), java.util.Optional.of(duties));
    }
}
