package org.gridstation.gateway.roster;

import org.gridstation.gateway.alert.Alerts;
import org.gridstation.gateway.calendar.CalendarFeeds;
import org.gridstation.gateway.points.Points;
import org.gridstation.gateway.points.PointsReport;

/**
 * The roster feature's parts the web layer uses, built once by the gateway.
 *
 * @param store the plan as stored
 * @param planner plan changes and shift generation
 * @param swaps the swap workflow
 * @param coverage who was scheduled and who came, tonight's board, gaps
 * @param flags attendance flags
 * @param alerts the alert store
 * @param points the points ledger
 * @param report rankings and CSV
 * @param calendars iCal feeds
 */
public record RosterFeature(RosterStore store, RosterPlanner planner, Swaps swaps, Coverage coverage, DutyFlags flags,
        Alerts alerts, Points points, PointsReport report, CalendarFeeds calendars) {
}
