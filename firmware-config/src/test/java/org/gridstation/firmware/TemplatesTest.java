package org.gridstation.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {
    @Test
    void placeholders_areReplaced_andDoubleDollarIsALiteral() {
        String out = Templates.render("t", "id=${stationId} shell=$${HOME:-x} cost=$5", Map.of("stationId", "s1"));

        assertEquals("id=s1 shell=${HOME:-x} cost=$5", out);
    }

    @Test
    void unknownPlaceholder_fails_namingTemplateAndPlaceholder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Templates.render("pi4/x.conf", "a=${nope}", Map.of()));

        assertTrue(e.getMessage().contains("pi4/x.conf") && e.getMessage().contains("${nope}"), e.getMessage());
    }

    @Test
    void unclosedPlaceholder_fails() {
        assertThrows(IllegalArgumentException.class, () -> Templates.render("t", "a=${HOME:-x}", Map.of("HOME", "h")));
        assertThrows(IllegalArgumentException.class, () -> Templates.render("t", "a=${", Map.of()));
    }

    @Test
    void valuesAreInsertedVerbatim_evenWithDollarsAndBackslashes() {
        assertEquals("p=a$1\\b", Templates.render("t", "p=${v}", Map.of("v", "a$1\\b")));
    }

    @Test
    void boardOverlay_replacesOrAddsToCommon() {
        List<Templates.Template> pi4 = new Templates(getClass().getClassLoader()).forBoard(Board.PI4);

        assertTrue(pi4.stream().anyMatch(t -> t.path().equals("config.txt") && t.text().contains("[pi4]")));
        assertTrue(pi4.stream().anyMatch(t -> t.path().equals("install.sh") && t.executable()));
        assertFalse(pi4.stream().anyMatch(t -> t.text().contains("[pi5]")));
        assertEquals(pi4.size(), pi4.stream().map(Templates.Template::path).distinct().count());
    }
}
