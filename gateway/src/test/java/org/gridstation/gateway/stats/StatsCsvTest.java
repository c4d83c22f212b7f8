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
    void median_ofAnEvenCount_isTheMeanOfTheMiddleTwo() {
        assertEquals(Optional.of(2.5), Tally.medianSeconds(List.of(4000L, 1000L, 3000L, 2000L)));
        assertEquals(Optional.of(3.0), Tally.medianSeconds(List.of(5000L, 1000L, 3000L)));
        assertEquals(Optional.empty(), Tally.medianSeconds(List.of()));
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
