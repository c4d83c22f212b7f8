package org.gridstation.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every generated systemd unit (the kiosk's, per board, and the gateway's) passes {@code systemd-analyze verify}. What this checks: the unit
 * file parses, every directive and value is known to this systemd, and its dependencies resolve.
 * verify also wants the ExecStart binary to exist: where the build machine has
 * {@code /usr/bin/python3} the unit is verified exactly as generated; elsewhere a scratch copy whose
 * ExecStart runs {@code /bin/true} with the same arguments. Unknown keys only warn (exit code 0),
 * so the test also fails on any output line naming the unit. Not checked: the user
 * {@code gridstation} and the gs-watchdog argument (verify resolves neither).
 */
class SystemdUnitIT {
    private static final String ANALYZE = "/usr/bin/systemd-analyze";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Board.class)
    void generatedKioskUnit_passesSystemdAnalyzeVerify(Board board) throws Exception {
        Needs.executable(ANALYZE);
        Bundle bundle = Fixtures.fixedGenerator().generate(Fixtures.spec(board));
        verify("gridstation-kiosk.service", bundle.file("gridstation-kiosk.service").orElseThrow().content());
    }

    @Test
    void generatedGatewayUnit_passesSystemdAnalyzeVerify() throws Exception {
        Needs.executable(ANALYZE);
        String unit = GatewayDeployment.defaults().files().stream()
                .filter(f -> f.path().equals("gridstation-gateway.service")).findFirst().orElseThrow().content();
        verify("gridstation-gateway.service", unit);
    }

    private void verify(String name, String unit) throws Exception {
        assertTrue(unit.contains("\nExecStart=/usr/bin/python3 "), unit);
        Path file = dir.resolve(name);
        boolean asGenerated = Files.isExecutable(Path.of("/usr/bin/python3"));
        Files.writeString(file, asGenerated ? unit : unit.replace("\nExecStart=/usr/bin/python3 ", "\nExecStart=/bin/true "),
                StandardCharsets.UTF_8);

        Processes.Result r = Processes.run(dir, List.of(ANALYZE, "verify", "--man=no", file.toString()));

        assertEquals(0, r.exitCode(), r.output());
        assertEquals("", realProblems(r.output()), r.output());
    }

    /** Drops the lines about this machine's own units, which have nothing to do with ours. */
    private static String realProblems(String output) {
        StringBuilder sb = new StringBuilder();
        for (String line : output.split("\n")) {
            if (!line.isBlank() && line.contains("gridstation-")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
