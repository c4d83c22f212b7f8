package org.gridstation.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code ./gridstation bench <scenario>}: measured figures for the docs. */
final class BenchCommand {
    private BenchCommand() {
    }

    static int run(List<String> args) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("stats")) {
            Flags flags = Flags.parse(args.subList(1, args.size()), Set.of("incidents", "data"));
            int incidents = flags.integer("incidents", 200_000, 1_000, 5_000_000);
            Path data = flags.path("data").orElse(Files.createTempDirectory("gridstation-bench-stats"));
            System.out.println(new StatsBenchmark(data, incidents).run());
            return 0;
        }
        if (args.isEmpty() || !args.get(0).equals("loop")) {
            throw new Flags.UsageException("bench needs a scenario: loop or stats");
        }
        Flags flags = Flags.parse(args.subList(1, args.size()), Set.of("scans", "data", "gateway-jvm", "kiosk-jvm"));
        int scans = flags.integer("scans", 100, 1, 100_000);
        Path data = flags.path("data").orElse(Files.createTempDirectory("gridstation-bench"));
        List<String> gatewayJvm = jvmOptions(flags.string("gateway-jvm").orElse(""));
        List<String> kioskJvm = jvmOptions(flags.string("kiosk-jvm").orElse(""));
        LoopBenchmark.Result result = new LoopBenchmark(data, scans, gatewayJvm, kioskJvm).run();
        System.out.println(result.report());
        return 0;
    }

    private static List<String> jvmOptions(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }
}
