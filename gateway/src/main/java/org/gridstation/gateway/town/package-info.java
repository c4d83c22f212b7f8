/**
 * The town directory: the grid tree (any depth), stations, people with their roles, and duty
 * shifts with their required headcount and scheduled volunteers. {@link org.gridstation.gateway.town.DemoTown}
 * seeds a fictional town shaped like the seeds' towns.
 */
package org.gridstation.gateway.town;
