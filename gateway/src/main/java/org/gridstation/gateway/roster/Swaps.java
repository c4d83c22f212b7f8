package org.gridstation.gateway.roster;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.town.Person;
import org.gridstation.gateway.town.Shift;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swap workflow: offer → take → approve (or reject, or cancel). Every step checks the roster
 * as it is at that moment; only approval changes it. A shift that has started cannot be swapped.
 */
public final class Swaps {
    private static final Logger log = LoggerFactory.getLogger(Swaps.class);
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final Town town;
    private final RosterStore store;
    private final RosterPlanner planner;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Swaps(Town town, RosterStore store, RosterPlanner planner, Clock clock) {
        this.town = town;
        this.store = store;
        this.planner = planner;
        this.clock = clock;
    }

    /** A step the swap's state or the roster does not allow; the web maps it to 409. */
    public static final class ConflictException extends RuntimeException {
        public ConflictException(String message) {
            super(message);
        }
    }

    /** {@code fromPerson} offers their place on {@code shiftId}. */
    public Swap offer(String shiftId, String fromPerson, Optional<String> note) {
        Ids.require(fromPerson, "personId");
        Shift shift = notStarted(shiftId);
        if (!shift.personIds().contains(fromPerson)) {
            throw new ConflictException(fromPerson + " is not on shift " + shiftId);
        }
        if (store.swaps(true).stream().anyMatch(s -> s.shiftId().equals(shiftId) && s.fromPerson().equals(fromPerson))) {
            throw new ConflictException("this place on shift " + shiftId + " is already offered");
        }
        note.ifPresent(n -> {
            if (n.length() > 200) {
                throw new IllegalArgumentException("note must be at most 200 characters");
            }
        });
        Swap s = new Swap(newId(), shiftId, fromPerson, Optional.empty(), Optional.empty(), Swap.Status.OFFERED,
                note.filter(n -> !n.isBlank()), clock.instant(), Optional.empty(), Optional.empty(), Optional.empty());
        store.putSwap(s);
        log.info("swap {} offered on shift {}", s.id(), shiftId);
        return s;
    }

    /**
     * {@code toPerson} takes an offered swap, optionally giving {@code returnShiftId} (a shift they
     * are on) to the offerer in exchange.
     */
    public Swap take(String swapId, String toPerson, Optional<String> returnShiftId) {
        Swap s = get(swapId);
        if (s.status() != Swap.Status.OFFERED) {
            throw new ConflictException("swap " + swapId + " is " + s.status().wire() + ", not offered");
        }
        Person to = town.person(toPerson).orElseThrow(() -> new UnknownException("person", toPerson));
        if (to.id().equals(s.fromPerson())) {
            throw new ConflictException("the offerer cannot take their own swap");
        }
        Shift shift = notStarted(s.shiftId());
        if (shift.personIds().contains(to.id())) {
            throw new ConflictException(to.id() + " is already on shift " + shift.id());
        }
        if (onLeave(to.id(), shift)) {
            throw new ConflictException(to.id() + " is on leave on " + shift.localDate());
        }
        if (returnShiftId.isPresent()) {
            Shift back = notStarted(returnShiftId.get());
            if (!back.personIds().contains(to.id())) {
                throw new ConflictException(to.id() + " is not on shift " + back.id());
            }
            if (back.personIds().contains(s.fromPerson())) {
                throw new ConflictException(s.fromPerson() + " is already on shift " + back.id());
            }
            if (onLeave(s.fromPerson(), back)) {
                throw new ConflictException(s.fromPerson() + " is on leave on " + back.localDate());
            }
        }
        Swap taken = new Swap(s.id(), s.shiftId(), s.fromPerson(), Optional.of(to.id()), returnShiftId, Swap.Status.TAKEN,
                s.note(), s.offeredAt(), Optional.of(clock.instant()), Optional.empty(), Optional.empty());
        store.putSwap(taken);
        return taken;
    }

    /** A grid leader of the shift's station approves a taken swap; the roster changes now. */
    public Swap approve(String swapId, String leaderId) {
        Swap s = get(swapId);
        if (s.status() != Swap.Status.TAKEN) {
            throw new ConflictException("swap " + swapId + " is " + s.status().wire() + ", only a taken swap can be approved");
        }
        Shift shift = notStarted(s.shiftId());
        requireLeader(leaderId, shift);
        // the roster may have changed since it was taken
        if (!shift.personIds().contains(s.fromPerson())) {
            throw new ConflictException(s.fromPerson() + " is no longer on shift " + shift.id());
        }
        Optional<Shift> back = s.returnShiftId().map(this::notStarted);
        if (back.isPresent() && !back.get().personIds().contains(s.toPerson().orElseThrow())) {
            throw new ConflictException(s.toPerson().get() + " is no longer on shift " + back.get().id());
        }
        Swap approved = decided(s, Swap.Status.APPROVED, Optional.of(leaderId));
        store.putSwap(approved);
        apply(shift, s.fromPerson(), s.toPerson().orElseThrow());
        back.ifPresent(b -> apply(b, s.toPerson().get(), s.fromPerson()));
        log.info("swap {} approved", s.id());
        return approved;
    }

    /** A grid leader rejects an open swap; the roster stays as it is. */
    public Swap reject(String swapId, String leaderId) {
        Swap s = get(swapId);
        if (!s.status().open()) {
            throw new ConflictException("swap " + swapId + " is already " + s.status().wire());
        }
        requireLeader(leaderId, town.shift(s.shiftId()).orElseThrow(() -> new UnknownException("shift", s.shiftId())));
        Swap rejected = decided(s, Swap.Status.REJECTED, Optional.of(leaderId));
        store.putSwap(rejected);
        return rejected;
    }

    /** The offerer withdraws an open swap. */
    public Swap cancel(String swapId, String personId) {
        Swap s = get(swapId);
        if (!s.status().open()) {
            throw new ConflictException("swap " + swapId + " is already " + s.status().wire());
        }
        if (!s.fromPerson().equals(personId)) {
            throw new ConflictException("only " + s.fromPerson() + " can cancel this swap");
        }
        Swap cancelled = decided(s, Swap.Status.CANCELLED, Optional.empty());
        store.putSwap(cancelled);
        return cancelled;
    }

    public Swap get(String swapId) {
        return store.swap(swapId).orElseThrow(() -> new UnknownException("swap", swapId));
    }

    public List<Swap> list(boolean openOnly) {
        return store.swaps(openOnly);
    }

    private Swap decided(Swap s, Swap.Status status, Optional<String> by) {
        return new Swap(s.id(), s.shiftId(), s.fromPerson(), s.toPerson(), s.returnShiftId(), status, s.note(),
                s.offeredAt(), s.takenAt(), Optional.of(clock.instant()), by);
    }

    /** A generated shift is regenerated (the planner applies approved swaps); another is edited. */
    private void apply(Shift shift, String out, String in) {
        if (planner.regenerate(shift.id())) {
            return;
        }
        List<String> people = new ArrayList<>(shift.personIds());
        people.remove(out);
        people.add(in);
        town.replaceShifts(List.of(new Shift(shift.id(), shift.stationId(), shift.label(), shift.localDate(), shift.start(),
                shift.end(), shift.required(), people.stream().sorted().toList())), List.of());
    }

    private Shift notStarted(String shiftId) {
        Shift shift = town.shift(shiftId).orElseThrow(() -> new UnknownException("shift", shiftId));
        if (!clock.instant().isBefore(shift.start())) {
            throw new ConflictException("shift " + shiftId + " has already started");
        }
        return shift;
    }

    private boolean onLeave(String personId, Shift shift) {
        return store.leaveBetween(shift.localDate(), shift.localDate()).stream()
                .anyMatch(l -> l.personId().equals(personId));
    }

    /** A leader (督导员 … 子网格长) whose grid is above, at or below the station's grid. */
    private void requireLeader(String leaderId, Shift shift) {
        Person leader = town.person(leaderId).orElseThrow(() -> new UnknownException("person", leaderId));
        Station station = town.station(shift.stationId()).orElseThrow(() -> new UnknownException("station", shift.stationId()));
        boolean related = town.gridChain(station.gridId()).stream().anyMatch(g -> g.id().equals(leader.gridId()))
                || town.gridChain(leader.gridId()).stream().anyMatch(g -> g.id().equals(station.gridId()));
        if (!leader.isLeader() || !related) {
            throw new ConflictException(leaderId + " is not a grid leader of station " + station.id());
        }
    }

    private String newId() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return "sw" + new String(id);
    }

}
