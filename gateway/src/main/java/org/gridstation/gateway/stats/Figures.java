package org.gridstation.gateway.stats;

import java.util.List;
import java.util.Optional;

/**
 * The figures of one group (or of the whole report). Every count is over the incidents
 * received in the period that match the filters, <em>not counting merged duplicates</em> (they
 * are counted in {@code duplicates} only), except the satisfaction counts, which take every
 * rated ticket including merged duplicates: each is a villager's own answer. A rate whose
 * denominator is zero is absent.
 *
 * @param incidents incidents received (merged duplicates not counted)
 * @param duplicates merged duplicates received
 * @param resolved resolved: status resolved, or closed with outcome resolved (not referred, not ours, open)
 * @param resolvedInTeam resolved while at the service team or the area grid (小事不出队)
 * @param resolvedInVillage resolved while at the village (大事不出村)
 * @param resolvedAtTown resolved while at the town
 * @param escalatedToTown at the town now, whatever the status (climbed there by a limit or by hand)
 * @param resolvedInTeamShare resolvedInTeam / incidents
 * @param resolvedInVillageShare resolvedInVillage / incidents
 * @param escalatedToTownShare escalatedToTown / incidents
 * @param accepted incidents accepted at least once
 * @param medianAcceptSeconds median of received → first accepted, over the accepted
 * @param medianResolveSeconds median of received → last resolved, over the resolved; a median of
 *     an even count is the mean of the two middle values
 * @param levels time-limit compliance per rung, always the four rungs bottom up
 * @param departments whistles per department, by department id
 * @param rated tickets with a rating (merged duplicates included)
 * @param satisfied rated 满意
 * @param basicallySatisfied rated 基本满意
 * @param dissatisfied rated 不满意
 * @param satisfaction (satisfied + basicallySatisfied) / rated
 */
public record Figures(int incidents, int duplicates, int resolved, int resolvedInTeam, int resolvedInVillage,
        int resolvedAtTown, int escalatedToTown, Optional<Double> resolvedInTeamShare,
        Optional<Double> resolvedInVillageShare, Optional<Double> escalatedToTownShare, int accepted,
        Optional<Double> medianAcceptSeconds, Optional<Double> medianResolveSeconds, List<LevelCompliance> levels,
        List<DepartmentFigures> departments, int rated, int satisfied, int basicallySatisfied, int dissatisfied,
        Optional<Double> satisfaction) {

    /**
     * Compliance with the time limits at one rung: the deadlines to accept, be on site and
     * resolve that were armed at this rung and have been met or missed (fired). Deadlines still
     * running, and those dropped when an incident was closed, count neither way.
     *
     * @param level the rung's wire name
     * @param levelLabel the rung in the reader's language
     * @param met deadlines met
     * @param missed deadlines missed
     * @param rate met / (met + missed)
     */
    public record LevelCompliance(String level, String levelLabel, int met, int missed, Optional<Double> rate) {
    }

    /**
     * One department's whistles: reported on site by the deadline, after it, not yet and past it
     * (overdue), not yet and not yet due (pending, not counted in the rate); and the village's
     * scores (1–5) of its work.
     *
     * @param departmentId the department
     * @param name its name
     * @param whistles times it was called
     * @param reportedOnTime reported at or before the deadline
     * @param reportedLate reported after the deadline
     * @param overdue not reported, deadline passed
     * @param pending not reported, deadline not yet passed
     * @param compliance reportedOnTime / (reportedOnTime + reportedLate + overdue)
     * @param scored whistles scored
     * @param scoreSum the scores added up
     * @param scoreAverage scoreSum / scored
     */
    public record DepartmentFigures(String departmentId, String name, int whistles, int reportedOnTime,
            int reportedLate, int overdue, int pending, Optional<Double> compliance, int scored, int scoreSum,
            Optional<Double> scoreAverage) {
    }
}
