/**
 * Kiosk benchmarks for {@code ./gridstation bench}: the outbox's size for a week offline
 * ({@code outbox}) and the kiosk's resident memory under simulated use ({@code kiosk-soak}).
 */
package org.gridstation.cli.bench;
