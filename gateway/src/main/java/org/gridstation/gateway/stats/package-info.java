/**
 * Incident statistics over a period (town dates): where incidents were resolved on the ladder,
 * time-limit compliance per rung and per department, median times to accept and to resolve,
 * villagers' satisfaction and department scores, as a whole and grouped by grid, category,
 * department or month. Definitions are in {@link org.gridstation.gateway.stats.Figures}.
 */
package org.gridstation.gateway.stats;
