package org.gridstation.gateway.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatsCsvTest {
    @Test
    void cell_quotesSeparatorsAndDefusesFormulas() {
        assertEquals("和兴村", StatsCsv.cell("和兴村"));
        assertEquals("\"a,b\"", StatsCsv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", StatsCsv.cell("say \"hi\""));
        assertEquals("'=HYPERLINK(1)", StatsCsv.cell("=HYPERLINK(1)"));
        assertEquals("'@cmd", StatsCsv.cell("@cmd"));
        assertEquals("-0.5", StatsCsv.cell("-0.5"), "a negative number stays a number");
    }

    @Test
    void median_ofAnEvenCount_isTheMeanOfTheMiddleTwo_toHalfAPerCent() {
        assertEquals(2.5, median(4000, 1000, 3000, 2000), 2.5 * 0.005);
        assertEquals(3.0, median(5000, 1000, 3000), 3.0 * 0.005);
        assertEquals(Optional.empty(), new DurationHistogram().medianSeconds());
        assertEquals(0.0, median(0, 0, 0), 1e-9, "nothing waited");
        // from a minute to a month, every median within half a per cent of the exact one
        java.util.Random r = new java.util.Random(7);
        for (int run = 0; run < 200; run++) {
            long[] v = new long[1 + r.nextInt(60)];
            for (int k = 0; k < v.length; k++) {
                v[k] = 60_000L + (long) (r.nextDouble() * 30L * 86_400_000L);
            }
            long[] s = v.clone();
            java.util.Arrays.sort(s);
            int n = s.length;
            double exact = (n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0) / 1000.0;
            assertEquals(exact, median(v), exact * 0.005, java.util.Arrays.toString(v));
        }
    }

    @Test
    void histogram_addsUpFromItsBytes() throws Exception {
        DurationHistogram a = new DurationHistogram();
        for (long v : new long[] {1, 999, 60_000, 60_000, 86_400_000L, Long.MAX_VALUE / 2}) {
            a.add(v);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        a.write(new java.io.DataOutputStream(bytes));
        DurationHistogram b = new DurationHistogram();
        b.addPairs(DurationHistogram.readPairs(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))));
        b.addPairs(DurationHistogram.readPairs(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))));
        assertEquals(12, b.total());
        assertEquals(a.medianSeconds(), b.medianSeconds());
    }

    private static double median(long... millis) {
        DurationHistogram h = new DurationHistogram();
        for (long v : millis) {
            h.add(v);
        }
        return h.medianSeconds().orElseThrow();
    }

    @Test
    void query_refusesAnInvertedOrEndlessPeriod() {
        LocalDate d = LocalDate.of(2026, 11, 1);
        assertThrows(IllegalArgumentException.class, () -> new StatsQuery(d, d.minusDays(1), Optional.empty(),
                Optional.empty(), Optional.empty(), GroupBy.GRID));
        assertThrows(IllegalArgumentException.class, () -> new StatsQuery(d, d.plusYears(4), Optional.empty(),
                Optional.empty(), Optional.empty(), GroupBy.GRID));
        assertThrows(IllegalArgumentException.class, () -> new StatsQuery(d, d, Optional.of("bad id!"),
                Optional.empty(), Optional.empty(), GroupBy.GRID));
        assertThrows(IllegalArgumentException.class, () -> GroupBy.of("week"));
    }
}
