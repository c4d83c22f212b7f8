/**
 * Benchmarks for {@code ./gridstation bench}: the county load generator ({@code load},
 * {@link org.gridstation.cli.bench.LoadBenchmark} driving {@link org.gridstation.cli.bench.LoadGenerator}),
 * the outbox's size for a week offline ({@code outbox}) and the kiosk's resident memory under
 * simulated use ({@code kiosk-soak}).
 */
package org.gridstation.cli.bench;
