package org.gridstation.kiosk.badge;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.gridstation.kiosk.downlink.TownState;
import org.gridstation.kiosk.hardware.Buzzer;
import org.gridstation.kiosk.hardware.DutyLamp;
import org.gridstation.kiosk.outbox.Outbox;
import org.gridstation.protocol.badge.BadgeCheck;
import org.gridstation.protocol.badge.BadgeClaims;
import org.gridstation.protocol.badge.BadgeVerifier;
import org.gridstation.protocol.badge.RefusalReason;
import org.gridstation.protocol.downlink.Roster;
import org.gridstation.protocol.event.CheckIn;
import org.gridstation.protocol.event.CheckOut;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.ScanRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Badge in and out, offline. A valid badge of someone not on duty here checks them in (scheduled if
 * they are a volunteer of a shift in the current roster), of someone on duty checks them out;
 * anything else is refused and recorded as a {@link ScanRefused} event. The on-duty state and the
 * event commit in one transaction. One beep for accepted, three for refused; the duty lamp is on
 * while anyone is on duty.
 */
public final class ScanDesk {
    private static final Logger log = LoggerFactory.getLogger(ScanDesk.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Outbox outbox;
    private final TownState town;
    private final DutyLedger ledger;
    private final DutyLamp lamp;
    private final Buzzer buzzer;
    private final Clock clock;
    private final BooleanSupplier connected;

    /**
     * @param connected whether the kiosk is connected to the broker now: only then is the gateway's
     *     on-duty list current enough to refuse a badge checked in at another station
     */
    public ScanDesk(Outbox outbox, TownState town, DutyLedger ledger, DutyLamp lamp, Buzzer buzzer,
            BooleanSupplier connected, Clock clock) {
        this.outbox = outbox;
        this.connected = connected;
        this.town = town;
        this.ledger = ledger;
        this.lamp = lamp;
        this.buzzer = buzzer;
        this.clock = clock;
    }

    /** Sets the lamp from the persisted on-duty state (at start-up). */
    public void restoreLamp() {
        lamp.set(!ledger.onDuty().isEmpty());
    }

    /** Longer text cannot be a badge: callers cut it to this and it is refused as unreadable. */
    public static final int MAX_TEXT_CHARS = 2048;

    /**
     * Processes the raw text a scanner typed.
     *
     * @param lang {@code en…} for English, anything else zh-CN
     * @throws org.gridstation.kiosk.outbox.OutboxFullException if the event cannot be stored; then
     *     nothing changed
     */
    public ScanResult scan(String rawText, String lang) {
        return scan(rawText).in(lang);
    }

    /**
     * Processes the raw text a scanner or the camera saw, for readers in either language (the
     * camera's result is shown by a page that asks later, in its own language).
     *
     * @throws org.gridstation.kiosk.outbox.OutboxFullException if the event cannot be stored; then
     *     nothing changed
     */
    public Scanned scan(String rawText) {
        Instant now = clock.instant();
        String text = rawText == null ? "" : rawText.strip();
        BadgeCheck check = BadgeVerifier.verify(text, town.keyRing(), town.revocations(), now);
        Scanned result;
        try {
            if (check instanceof BadgeCheck.Valid valid && onDutyElsewhere(valid.claims().personId())) {
                check = new BadgeCheck.Refused(RefusalReason.ON_DUTY_ELSEWHERE, Optional.of(valid.claims()));
            }
            result = check instanceof BadgeCheck.Valid
                    ? accept(((BadgeCheck.Valid) check).claims(), now)
                    : refuse((BadgeCheck.Refused) check);
        } catch (RuntimeException e) {
            buzzer.beep(3);
            throw e;
        }
        buzzer.beep(result.zh().accepted() ? 1 : 3);
        lamp.set(!ledger.onDuty().isEmpty());
        return result;
    }

    /**
     * One processed scan, worded in both languages.
     *
     * @param zh the result as a zh-CN reader sees it
     * @param en the result as an English reader sees it
     */
    public record Scanned(ScanResult zh, ScanResult en) {
        /** The result in {@code lang}: {@code en…} for English, anything else zh-CN. */
        public ScanResult in(String lang) {
            return isEnglish(lang) ? en : zh;
        }
    }

    /**
     * True if the person is not on duty here but, by the gateway's current list, at another station.
     * Offline the list may be old, so it is not used: better an extra check-in than a volunteer
     * locked out.
     */
    private boolean onDutyElsewhere(String personId) {
        boolean here = ledger.onDuty().stream().anyMatch(d -> d.personId().equals(personId));
        return !here && connected.getAsBoolean() && town.onDutyElsewhere(personId).isPresent();
    }

    private Scanned accept(BadgeClaims claims, Instant now) {
        Optional<Roster.Shift> shift = shiftOf(claims.personId(), now);
        Event event = outbox.append(c -> {
            if (DutyLedger.find(c, claims.personId()).isPresent()) {
                DutyLedger.checkOut(c, claims.personId());
                return new CheckOut(claims.personId(), claims.badgeId());
            }
            DutyLedger.checkIn(c, new OnDuty(claims.personId(), claims.badgeId(), claims.name(),
                    shift.map(Roster.Shift::shiftId), shift.isPresent(), now));
            return new CheckIn(claims.personId(), claims.badgeId(), shift.map(Roster.Shift::shiftId), shift.isPresent());
        });
        boolean in = event.body() instanceof CheckIn;
        log.info("badge accepted: {} person={} seq={}", in ? "check-in" : "check-out", claims.personId(), event.seq());
        java.util.function.Function<String, ScanResult> worded = lang -> new ScanResult(true,
                in ? ScanResult.IN : ScanResult.OUT,
                in ? checkedIn(claims.name(), shift, lang) : checkedOut(claims.name(), lang), Optional.empty(),
                Optional.of(claims.personId()), Optional.of(claims.name()),
                in ? Optional.of(shift.isPresent()) : Optional.empty());
        return new Scanned(worded.apply("zh"), worded.apply("en"));
    }

    private Scanned refuse(BadgeCheck.Refused refused) {
        Optional<BadgeClaims> claims = refused.claims();
        Event event = outbox.append(new ScanRefused(refused.reason(), claims.map(BadgeClaims::badgeId),
                claims.map(BadgeClaims::personId)));
        log.info("badge refused: {} seq={}", refused.reason().wire(), event.seq());
        java.util.function.Function<String, ScanResult> worded = lang -> new ScanResult(false, ScanResult.REFUSED,
                refused.reason().label(lang), Optional.of(refused.reason().wire()), Optional.empty(), Optional.empty(),
                Optional.empty());
        return new Scanned(worded.apply("zh"), worded.apply("en"));
    }

    /** The person's shift in the current roster: the one running now, else the next, else the last. */
    private Optional<Roster.Shift> shiftOf(String personId, Instant now) {
        return town.currentRoster(now).flatMap(r -> r.shifts().stream()
                .filter(s -> s.volunteers().stream().anyMatch(v -> v.personId().equals(personId)))
                .min(Comparator.comparing((Roster.Shift s) -> !s.end().toInstant().isAfter(now))
                        .thenComparing(s -> s.start().toInstant())));
    }

    private String checkedIn(String name, Optional<Roster.Shift> shift, String lang) {
        boolean en = isEnglish(lang);
        if (shift.isEmpty()) {
            return en ? name + " checked in (not on tonight's roster)" : name + " 签到成功（非排班人员）";
        }
        ZoneId zone = town.zone();
        String hours = shift.get().start().atZoneSameInstant(zone).format(HH_MM) + "–"
                + shift.get().end().atZoneSameInstant(zone).format(HH_MM);
        return en ? name + " checked in, on duty tonight " + hours : name + " 签到成功，今晚值班 " + hours;
    }

    private static String checkedOut(String name, String lang) {
        return isEnglish(lang) ? name + " checked out" : name + " 签退成功";
    }

    private static boolean isEnglish(String lang) {
        return lang != null && lang.startsWith("en");
    }
}
