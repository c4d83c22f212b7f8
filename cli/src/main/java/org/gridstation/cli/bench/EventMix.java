package org.gridstation.cli.bench;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.gridstation.protocol.badge.RefusalReason;
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

/**
 * One station's events in the proportions of the busy day of {@code bench outbox} (PRODUCT.md's
 * night duty and walk-in requests): of every 61 events, 40 badge scans (each volunteer alternately
 * in and out), 2 refused scans, 15 walk-in requests (most normal, some major, a few urgent; most
 * with a phone number, many with a short note), 3 ticket ratings of the station's latest ticket
 * and 1 emergency-button press. Sequence numbers run gap-free from 1, as a kiosk's outbox assigns
 * them. Not thread-safe: one per station.
 */
public final class EventMix {
    private static final Category[] CATEGORIES = Category.values();
    private static final String[] NOTES = {"邻居违章搭建挡住通道", "路灯坏了一个多月", "独居老人需要帮忙买药", "垃圾清运不及时有异味",
        "想咨询宅基地政策", "河道有人倾倒建筑垃圾", "孩子上学补助怎么申请", "楼道堆放杂物有火灾隐患"};

    private final String stationId;
    private final List<String> people;
    private final Random random;
    private final Set<String> onDuty = new HashSet<>();
    private long seq;
    private String lastTicket;

    public EventMix(String stationId, List<String> people, long seed) {
        this.stationId = stationId;
        this.people = List.copyOf(people);
        this.random = new Random(seed);
    }

    /** The station's next event, stamped {@code deviceTime}. */
    public Event next(Instant deviceTime) {
        return Event.of(stationId, ++seq, deviceTime, body());
    }

    private EventBody body() {
        int r = random.nextInt(61);
        if (r < 40) {
            String person = people.get(random.nextInt(people.size()));
            String badge = "b-" + person;
            if (onDuty.add(person)) {
                return new CheckIn(person, badge, Optional.empty(), true);
            }
            onDuty.remove(person);
            return new CheckOut(person, badge);
        }
        if (r < 42) {
            return new ScanRefused(random.nextBoolean() ? RefusalReason.EXPIRED : RefusalReason.REVOKED,
                    Optional.of("b-x" + random.nextInt(1000)), Optional.empty());
        }
        if (r < 57 || (r < 60 && lastTicket == null)) {
            lastTicket = stationId + "-" + seq;
            int s = random.nextInt(100);
            Severity severity = s < 80 ? Severity.NORMAL : s < 97 ? Severity.MAJOR : Severity.URGENT;
            Optional<String> phone = random.nextInt(10) < 6
                    ? Optional.of("139" + String.format("%08d", random.nextInt(100_000_000))) : Optional.empty();
            Optional<String> note = random.nextBoolean() ? Optional.of(NOTES[random.nextInt(NOTES.length)]) : Optional.empty();
            return new WalkInRequest(lastTicket, CATEGORIES[random.nextInt(CATEGORIES.length)], severity, phone, note, false);
        }
        if (r < 60) {
            return new TicketFeedback(lastTicket, Rating.values()[random.nextInt(3)]);
        }
        return new ButtonPressed(ButtonPressed.EMERGENCY);
    }
}
