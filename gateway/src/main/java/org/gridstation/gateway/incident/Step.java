package org.gridstation.gateway.incident;

import java.time.Instant;
import java.util.Optional;
import org.gridstation.protocol.ticket.LadderLevel;
import org.gridstation.protocol.ticket.TicketStatus;

/**
 * One step of an incident's history: who did what, when, and where it left the incident.
 *
 * @param at gateway clock
 * @param actor who: a person id or name, {@code villager}, {@code station:{id}} or {@code system}
 * @param action what, see {@link Action}
 * @param status the status after the step
 * @param level the ladder level after the step
 * @param detail free text: the answer, the reason, the departments, the score
 */
public record Step(Instant at, String actor, Action action, TicketStatus status, LadderLevel level,
        Optional<String> detail) {

    /** The kinds of step. */
    public enum Action implements org.gridstation.protocol.Labelled {
        FILED("filed", "受理登记", "Filed"),
        ACCEPTED("accepted", "已受理", "Accepted"),
        DISPATCHED("dispatched", "已派单", "Dispatched"),
        ON_SITE("on-site", "已到场", "On site"),
        RESOLVED("resolved", "已办结", "Resolved"),
        CLOSED("closed", "已销号", "Closed"),
        REOPENED("reopened", "重新办理", "Reopened"),
        ESCALATED("escalated", "逐级上报", "Escalated"),
        OVERDUE("overdue", "超时提醒", "Overdue"),
        WHISTLED("whistled", "吹哨", "Whistle blown"),
        REPORTED("reported", "部门报到", "Department on site"),
        SCORED("scored", "评价部门", "Department scored"),
        MERGED("merged", "合并重复诉求", "Merged"),
        RATED("rated", "群众评价", "Rated");

        private final String wire;
        private final String zh;
        private final String en;

        Action(String wire, String zh, String en) {
            this.wire = wire;
            this.zh = zh;
            this.en = en;
        }

        @Override
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return wire;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }

        public static Action of(String wire) {
            return org.gridstation.protocol.Labelled.fromWire(Action.class, wire);
        }
    }
}
