/**
 * Points (积分): an append-only ledger with a reason on every entry, booked by the roster's rules
 * (duty hours with a night multiplier, no-show deductions) and by other features through
 * {@link org.gridstation.gateway.points.Points#award}; monthly rankings per grid and a CSV export.
 */
package org.gridstation.gateway.points;
