package org.gridstation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void unknownCommand_exitsWithUsage() {
        assertEquals(2, Main.run(new String[] {"launch"}));
        assertEquals(2, Main.run(new String[0]));
        assertEquals(0, Main.run(new String[] {"--help"}));
    }

    @Test
    void flags_areParsedAndCheckedByName() {
        Flags f = Flags.parse(List.of("--kiosks", "2", "--data=/tmp/x"), Set.of("kiosks", "data"));
        assertEquals(2, f.integer("kiosks", 3, 0, 50));
        assertEquals("/tmp/x", f.string("data").orElseThrow());
        assertEquals(7, f.integer("absent", 7, 0, 10));
    }

    @Test
    void badFlags_giveMessagesNamingThem() {
        Flags.UsageException unknown = assertThrows(Flags.UsageException.class,
                () -> Flags.parse(List.of("--kiosk", "2"), Set.of("kiosks")));
        assertTrue(unknown.getMessage().contains("--kiosk"), unknown.getMessage());
        Flags.UsageException missing = assertThrows(Flags.UsageException.class,
                () -> Flags.parse(List.of("--kiosks"), Set.of("kiosks")));
        assertTrue(missing.getMessage().contains("needs a value"), missing.getMessage());
        Flags.UsageException notNumber = assertThrows(Flags.UsageException.class,
                () -> Flags.parse(List.of("--kiosks", "three"), Set.of("kiosks")).integer("kiosks", 3, 0, 50));
        assertTrue(notNumber.getMessage().contains("whole number"), notNumber.getMessage());
        assertThrows(Flags.UsageException.class,
                () -> Flags.parse(List.of("--kiosks", "99"), Set.of("kiosks")).integer("kiosks", 3, 0, 50));
    }

    @Test
    void demoRefusesAPortInUse_withTheFlagToChange() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            int code = Main.run(new String[] {"demo", "--mqtt-port", Integer.toString(taken.getLocalPort()),
                "--http-port", Integer.toString(FreePort.pick()), "--kiosks", "0"});
            assertEquals(2, code);
        }
    }
}
