package org.gridstation.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridstation.cli.bench.IngestBenchmark;
import org.gridstation.cli.bench.KioskSoakBenchmark;
import org.gridstation.cli.bench.KioskStartBenchmark;
import org.gridstation.cli.bench.LoadBenchmark;
import org.gridstation.cli.bench.StationCredentials;
import org.gridstation.cli.bench.OutboxWeekBenchmark;
import org.gridstation.gateway.store.StoreSettings;

/** {@code ./gridstation bench <scenario>}: measured figures for the docs. */
final class BenchCommand {
    private BenchCommand() {
    }

    static int run(List<String> args) throws Exception {
        if (args.isEmpty() || args.get(0).equals("load") || args.get(0).startsWith("--")) {
            // a bare "bench" (or "bench --flags") is the load generator the county issue names
            return load(args.isEmpty() || args.get(0).startsWith("--") ? args : args.subList(1, args.size()));
        }
        if (!args.isEmpty() && args.get(0).equals("roster")) {
            Flags flags = Flags.parse(args.subList(1, args.size()), Set.of("stations", "data"));
            int stations = flags.integer("stations", 14, 1, 5_000);
            Path data = flags.path("data").orElse(Files.createTempDirectory("gridstation-bench"));
            System.out.println(new RosterBenchmark(data, stations).run());
            return 0;
        }
        if (!args.isEmpty() && args.get(0).equals("ingest")) {
            Flags flags = Flags.parse(args.subList(1, args.size()), Set.of("stations", "events", "webhooks", "data"));
            Path data = flags.path("data").orElse(Files.createTempDirectory("gridstation-bench-ingest"));
            System.out.println(new IngestBenchmark(new IngestBenchmark.Options(flags.integer("stations", 2_425, 1, 20_000),
                    flags.integer("events", 100, 1, 10_000), flags.integer("webhooks", 0, 0, 10_000), data)).run());
            return 0;
        }
        if (!args.isEmpty() && args.get(0).equals("outbox")) {
            Flags flags = Flags.parse(args.subList(1, args.size()), Set.of("days", "data"));
            Path data = flags.path("data").orElse(Files.createTempDirectory("gridstation-bench-outbox"));
            System.out.println(new OutboxWeekBenchmark(data, flags.integer("days", 7, 1, 365)).run().report());
            return 0;
        }
        if (!args.isEmpty() && args.get(0).equals("kiosk-soak")) {
            Flags flags = Flags.parse(args.subList(1, args.size()), Set.of("minutes", "data", "kiosk-jvm"));
            Path data = flags.path("data").orElse(Files.createTempDirectory("gridstation-bench-soak"));
            System.out.println(new KioskSoakBenchmark(data, Duration.ofMinutes(flags.integer("minutes", 60, 1, 24 * 60)),
                    jvmOptions(flags.string("kiosk-jvm").orElse("")), Main.class.getName()).run().report());
            return 0;
        }
        if (!args.isEmpty() && args.get(0).equals("kiosk-start")) {
            Flags flags = Flags.parse(args.subList(1, args.size()), Set.of("runs", "data", "kiosk-jvm", "cds"));
            Path data = flags.path("data").orElse(Files.createTempDirectory("gridstation-bench-start"));
            List<String> jvm = flags.string("kiosk-jvm").map(BenchCommand::jvmOptions).orElse(KioskStartBenchmark.PI_JVM);
            System.out.println(new KioskStartBenchmark(data, flags.integer("runs", 10, 1, 1_000), jvm,
                    !"false".equals(flags.string("cds").orElse("true")), Main.class.getName()).run().report());
            return 0;
        }
        if (!args.isEmpty() && args.get(0).equals("stats")) {
            Flags flags = Flags.parse(args.subList(1, args.size()), Set.of("incidents", "data", "runs", "compare", "only"));
            int incidents = flags.integer("incidents", 200_000, 1_000, 5_000_000);
            Path data = flags.path("data").orElse(Files.createTempDirectory("gridstation-bench-stats"));
            System.out.println(new StatsBenchmark(data, incidents, flags.integer("runs", 7, 1, 1_000),
                    "true".equals(flags.string("compare").orElse("false")), flags.string("only")).run());
            return 0;
        }
        if (args.isEmpty() || !args.get(0).equals("loop")) {
            throw new Flags.UsageException("unknown bench scenario '" + args.get(0) + "': load, ingest, loop, roster, outbox, kiosk-soak, kiosk-start or stats");
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

    private static int load(List<String> args) throws Exception {
        Flags flags = Flags.parse(args, Set.of("mode", "stations", "events", "seconds", "rate", "broker", "mqtt-host",
                "mqtt-port", "data", "gateway-jvm", "store", "store-url", "warmup"));
        int stations = flags.integer("stations", 2_425, 1, 20_000);
        double rate = LoadBenchmark.eveningRate(stations);
        if (flags.string("rate").isPresent()) {
            try {
                rate = Double.parseDouble(flags.string("rate").get());
            } catch (NumberFormatException e) {
                throw new Flags.UsageException("--rate must be a number of events per second");
            }
            if (!(rate > 0 && rate <= 1_000_000)) {
                throw new Flags.UsageException("--rate must be between 0 and 1000000");
            }
        }
        Optional<Integer> mqttPort = flags.string("mqtt-port").map(x -> flags.integer("mqtt-port", 0, 1, 65535));
        LoadBenchmark.Options options;
        try {
            options = new LoadBenchmark.Options(flags.string("mode").orElse("burst"), stations,
                    flags.integer("events", 100, 1, 100_000), flags.integer("warmup", 0, 0, 100_000), flags.integer("seconds", 60, 1, 24 * 3600), rate,
                    flags.string("broker").orElse("embedded"), flags.string("mqtt-host"), mqttPort,
                    jvmOptions(flags.string("gateway-jvm").orElse("")),
                    flags.path("data").orElse(Files.createTempDirectory("gridstation-bench-load")).toAbsolutePath(),
                    StationCredentials.none(), benchStore(flags));
        } catch (IllegalArgumentException e) {
            throw new Flags.UsageException(e.getMessage());
        }
        System.out.println(new LoadBenchmark(options, Main.class.getName()).run());
        return 0;
    }

    /**
     * SQLite in the bench's data folder, or {@code --store postgresql}: a new schema at
     * {@code --store-url} (the machine's database {@code test} by default), kept after the run.
     */
    private static StoreSettings benchStore(Flags flags) {
        String store = flags.string("store").orElse("sqlite");
        return switch (store) {
            case "sqlite" -> StoreSettings.sqlite();
            case "postgresql" -> StoreSettings.postgresql(flags.string("store-url").orElse("jdbc:postgresql://127.0.0.1:5432/test"),
                    Optional.empty(), Optional.of("gsbench_" + java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                            .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))));
            default -> throw new Flags.UsageException("--store must be sqlite or postgresql");
        };
    }

    private static List<String> jvmOptions(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }
}
