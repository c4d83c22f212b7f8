package org.gridstation.gateway.roster;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridstation.gateway.town.Shift;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the plan into concrete shifts. A generated shift is a function of the plan: its template
 * (times, headcount, weekdays), the rotation's turn on that date, the day's override, the
 * approved swaps touching it and the leave covering it. Every change to the plan regenerates the
 * dates from today to the last date generated so far; past shifts are history and are never
 * rewritten. Unchanged shifts are not written again, so the kiosks' retained rosters only move
 * when something changed.
 */
public final class RosterPlanner {
    /** How far ahead {@link #generate} goes by default. */
    public static final int DEFAULT_DAYS = 28;
    /** The longest range one call may generate. */
    public static final int MAX_DAYS = 366;
    private static final Logger log = LoggerFactory.getLogger(RosterPlanner.class);

    private final Town town;
    private final RosterStore store;
    private final Clock clock;

    public RosterPlanner(Town town, RosterStore store, Clock clock) {
        this.town = town;
        this.store = store;
        this.clock = clock;
    }

    /** What a generation wrote. */
    public record Generation(LocalDate from, LocalDate to, int written, int removed, int unchanged) {
    }

    // ---- plan changes -----------------------------------------------------------------------

    /** Adds or replaces a template, then regenerates. */
    public ShiftTemplate putTemplate(ShiftTemplate t) {
        town.station(t.stationId()).orElseThrow(() -> new UnknownException("station", t.stationId()));
        store.putTemplate(t);
        refresh(List.of(t), Optional.empty(), Optional.empty());
        return t;
    }

    /** Removes a template with its rotation and overrides, and its shifts from today on. */
    public boolean deleteTemplate(String id) {
        LocalDate today = town.today();
        List<String> future = store.generated(id, today, LocalDate.of(9999, 12, 31));
        boolean existed = store.deleteTemplate(id);
        town.replaceShifts(List.of(), future);
        store.markGenerated(List.of(), future);
        return existed;
    }

    /** Sets the rotation that fills a template, then regenerates. */
    public Rotation putRotation(Rotation r) {
        store.template(r.templateId()).orElseThrow(() -> new UnknownException("template", r.templateId()));
        requirePeople(r.turns().stream().flatMap(List::stream).toList());
        store.putRotation(r);
        refresh(store.template(r.templateId()).stream().toList(), Optional.empty(), Optional.empty());
        return r;
    }

    /** Sets the one-off change of one date, then regenerates. */
    public DayOverride putOverride(DayOverride o) {
        store.template(o.templateId()).orElseThrow(() -> new UnknownException("template", o.templateId()));
        requirePeople(o.add());
        store.putOverride(o);
        refresh(store.template(o.templateId()).stream().toList(), Optional.of(o.date()), Optional.of(o.date()));
        return o;
    }

    /** Removes a date's override; true if there was one. */
    public boolean deleteOverride(String templateId, LocalDate date) {
        boolean existed = store.deleteOverride(templateId, date);
        refresh(store.template(templateId).stream().toList(), Optional.of(date), Optional.of(date));
        return existed;
    }

    /** Records leave, then regenerates: the person leaves the shifts on those dates. */
    public Leave putLeave(Leave l) {
        requirePeople(List.of(l.personId()));
        store.putLeave(l, clock.instant());
        refresh(store.templates(), Optional.of(l.from()), Optional.of(l.to()));
        return l;
    }

    /** Removes leave; true if there was such an entry. */
    public boolean deleteLeave(String id) {
        Optional<Leave> gone = store.deleteLeave(id);
        gone.ifPresent(l -> refresh(store.templates(), Optional.of(l.from()), Optional.of(l.to())));
        return gone.isPresent();
    }

    private void requirePeople(List<String> ids) {
        for (String p : ids) {
            town.person(p).orElseThrow(() -> new UnknownException("person", p));
        }
    }

    // ---- generation -------------------------------------------------------------------------

    /** Regenerates from today to the last date generated so far (nothing if nothing was). */
    public void refresh() {
        refresh(store.templates(), Optional.empty(), Optional.empty());
    }

    /**
     * Regenerates {@code templates} on the dates from today (or {@code from}, if later) to the
     * last date generated so far (or {@code to}, if earlier): what a plan change can affect.
     */
    private void refresh(List<ShiftTemplate> templates, Optional<LocalDate> from, Optional<LocalDate> to) {
        LocalDate today = town.today();
        Optional<LocalDate> last = store.lastGenerated();
        if (last.isEmpty() || templates.isEmpty()) {
            return;
        }
        LocalDate a = from.filter(f -> f.isAfter(today)).orElse(today);
        LocalDate b = to.filter(x -> x.isBefore(last.get())).orElse(last.get());
        if (!b.isBefore(a)) {
            write(templates, a, b);
        }
    }

    /**
     * Keeps {@value #DEFAULT_DAYS} days generated ahead: generates up to today + 27 if the last
     * generated date is earlier and there are templates. Cheap when nothing is due.
     */
    public void extendAhead() {
        LocalDate today = town.today();
        LocalDate target = today.plusDays(DEFAULT_DAYS - 1);
        Optional<LocalDate> last = store.lastGenerated();
        if (last.map(l -> l.isBefore(target)).orElse(true) && !store.templates().isEmpty()) {
            LocalDate from = last.filter(l -> !l.isBefore(today)).map(l -> l.plusDays(1)).orElse(today);
            generate(from, target);
        }
    }

    /** Regenerates the one shift {@code shiftId} if the planner made it; false if it did not. */
    boolean regenerate(String shiftId) {
        Optional<String> templateId = store.templateOf(shiftId);
        if (templateId.isEmpty()) {
            return false;
        }
        Optional<ShiftTemplate> t = store.template(templateId.get());
        Optional<Shift> existing = town.shift(shiftId);
        if (t.isEmpty() || existing.isEmpty()) {
            return false;
        }
        write(List.of(t.get()), existing.get().localDate(), existing.get().localDate());
        return true;
    }

    /**
     * Writes the shifts of every template starting on {@code from} to {@code to} (inclusive):
     * adds or replaces what the plan says and removes generated shifts the plan no longer has.
     */
    public Generation generate(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("at most " + MAX_DAYS + " days at a time");
        }
        if (from.isBefore(town.today())) {
            throw new IllegalArgumentException("past shifts are history: from must be today or later");
        }
        Generation g = write(store.templates(), from, to);
        log.info("roster generated {}..{}: {} written, {} removed, {} unchanged", from, to, g.written(), g.removed(), g.unchanged());
        return g;
    }

    private Generation write(List<ShiftTemplate> templates, LocalDate from, LocalDate to) {
        Plan plan = new Plan(store.leaveBetween(from, to), store.overridesBetween(from, to), store.approved());
        Map<String, Shift> stored = store.shiftsBetween(from, to);
        List<Shift> changed = new ArrayList<>();
        List<String[]> marks = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        int unchanged = 0;
        for (ShiftTemplate t : templates) {
            Set<String> before = new HashSet<>(store.generated(t.id(), from, to));
            Optional<Rotation> rotation = store.rotation(t.id());
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                Optional<Shift> planned = planned(t, rotation, d, plan);
                if (planned.isEmpty()) {
                    continue;
                }
                Shift s = planned.get();
                boolean marked = before.remove(s.id());
                if (!marked) {
                    marks.add(new String[] {s.id(), t.id(), d.toString()});
                }
                if (s.equals(stored.get(s.id()))) {
                    unchanged++;
                } else {
                    changed.add(s);
                }
            }
            removed.addAll(before);
        }
        town.replaceShifts(changed, removed);
        store.markGenerated(marks, removed);
        return new Generation(from, to, changed.size(), removed.size(), unchanged);
    }

    /** What a generation reads once: leave, overrides and approved swaps. */
    record Plan(List<Leave> leave, Map<String, DayOverride> overrides, List<Swap> swaps) {
    }

    /** The shift the plan has for {@code t} on {@code date}, if any. */
    Optional<Shift> planned(ShiftTemplate t, Optional<Rotation> rotation, LocalDate date, Plan plan) {
        if (!t.runsOn(date)) {
            return Optional.empty();
        }
        Optional<DayOverride> o = Optional.ofNullable(plan.overrides().get(t.id() + "/" + date));
        if (o.map(DayOverride::cancelled).orElse(false)) {
            return Optional.empty();
        }
        String shiftId = t.shiftId(date);
        Set<String> people = new LinkedHashSet<>(rotation.map(r -> r.teamOn(date)).orElse(List.of()));
        o.ifPresent(x -> {
            people.removeAll(x.remove());
            people.addAll(x.add());
        });
        for (Swap s : plan.swaps()) {
            String to = s.toPerson().orElseThrow();
            if (s.shiftId().equals(shiftId) && people.remove(s.fromPerson())) {
                people.add(to);
            } else if (s.returnShiftId().filter(shiftId::equals).isPresent() && people.remove(to)) {
                people.add(s.fromPerson());
            }
        }
        plan.leave().stream().filter(l -> l.covers(date)).forEach(l -> people.remove(l.personId()));
        int required = o.flatMap(DayOverride::required).orElse(t.required());
        return Optional.of(town.shiftOf(shiftId, t.stationId(), t.label(), date, t.start(), t.end(), required,
                people.stream().sorted().toList()));
    }
}
