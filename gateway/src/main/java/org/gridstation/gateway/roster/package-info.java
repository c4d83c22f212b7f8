/**
 * Rosters and coverage: for a date, each shift's scheduled volunteers and who actually came
 * (checked in at that station from 30 minutes before the start until the end).
 */
package org.gridstation.gateway.roster;
