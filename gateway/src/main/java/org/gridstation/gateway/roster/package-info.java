/**
 * Duty rosters (排班): the plan — shift templates per station, rotations of a team over an N-day
 * cycle, one-off overrides, leave and swaps ({@link org.gridstation.gateway.roster.RosterPlanner},
 * {@link org.gridstation.gateway.roster.Swaps}) — turned into the town's concrete shifts; coverage
 * for a date and grid, tonight's board and the gap report ({@link
 * org.gridstation.gateway.roster.Coverage}: present means checked in at that station from 30
 * minutes before the start until the end); and the live rules on the gateway clock ({@link
 * org.gridstation.gateway.roster.RosterRules}: unstaffed, late, no-show, forgotten badge-out, one
 * badge at two stations), which raise alerts, set attendance flags and book points.
 */
package org.gridstation.gateway.roster;
