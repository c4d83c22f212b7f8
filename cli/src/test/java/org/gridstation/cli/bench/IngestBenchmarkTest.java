package org.gridstation.cli.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer benchmark at a tiny scale: every event acknowledged and stored exactly once. */
class IngestBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void aSmallCounty_isStoredAndAcknowledgedExactlyOnce() throws Exception {
        String report = new IngestBenchmark(new IngestBenchmark.Options(5, 30, 2, dir)).run();
        assertTrue(report.contains("150 events stored and acknowledged of 150"), report);
        assertTrue(report.contains("every event stored exactly once"), report);
    }
}
