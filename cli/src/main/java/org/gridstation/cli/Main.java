package org.gridstation.cli;

import java.util.Arrays;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Entry point of {@code ./gridstation}. */
public final class Main {
    static final String USAGE = """
            usage: ./gridstation <command> [flags]

              demo      a gateway with its embedded broker and SQLite, plus simulated kiosks
                        for a seeded town
                        --data DIR (./demo-data)  --http-port N (8080)  --mqtt-port N (1883)
                        --kiosks N (3)  --kiosk-port N (7070; kiosk i listens on N+i)
                        --stations N (as many as kiosks; more seeds stations with no kiosk)
              gateway   run the town gateway alone      --config FILE
              kiosk     run one station kiosk alone     --config FILE
              provision write one station's install bundle from the gateway's data
                        --data GATEWAY_DATA_DIR (or --config GATEWAY_CONFIG, e.g. a county's
                        PostgreSQL gateway) --station ID --board pi4|pi5 --mqtt-host HOST
                        --out DIR [--mqtt-port 1883, or 8883 with TLS] [--zone Asia/Shanghai]
                        [--rotate 0|180] [--plain-mqtt true]
              certificates  make or renew the town's TLS certificates in DIR/tls
                        --data GATEWAY_DATA_DIR [--hosts NAME,ADDRESS,...] [--town NAME]
              mosquitto-auth  write a Mosquitto password file and ACL file for every station
                        with a live MQTT credential, and the gateway's own user
                        --data GATEWAY_DATA_DIR (or --config GATEWAY_CONFIG) --passwd FILE --acl FILE
              backup    online backup of the gateway's database and keys  --data DIR --out DIR
              restore   restore a backup into an empty data directory    --from DIR --data DIR
              bench     county load generator (also a bare "bench")
                                                load [--mode burst|steady (burst)] [--stations N (2425)]
                        [--events K (burst backlog per station, 100)] [--seconds S (steady, 60)]
                        [--rate R (steady events/s; a realistic evening: stations × 61 / 9000)]
                        [--broker embedded|mosquitto (embedded)] [--mqtt-host H --mqtt-port N (an
                        external broker; default: the bench's own Mosquitto on a free port)]
                        [--gateway-jvm "OPTS"] [--data DIR] [--store sqlite|postgresql (sqlite)]
                        [--store-url JDBC_URL (jdbc:postgresql://127.0.0.1:5432/test; a new schema)]
                        [--warmup K (a burst of K events per station stored first, unmeasured:
                        a gateway that has been running; 0)]
                        the ingest writer alone         ingest [--stations N (2425)] [--events K (100)]
                        [--webhooks N (0)] [--data DIR]
                        measure the whole loop          loop [--scans N (100)] [--data DIR]
                        [--gateway-jvm "OPTS"] [--kiosk-jvm "OPTS"]
                        measure the roster              roster [--stations N (14)] [--data DIR]
                        measure a week offline          outbox [--days N (7)] [--data DIR]
                        measure kiosk memory in use     kiosk-soak [--minutes N (60)] [--kiosk-jvm "OPTS"]
                        measure stats and Open311      stats [--incidents N (200000)] [--data DIR]
            """;

    private Main() {
    }

    public static void main(String[] args) {
        // HiveMQ's jar carries a logback.xml of its own; name ours explicitly unless the user did.
        // GRIDSTATION_LOG_FORMAT=json logs one JSON object per line for a log collector.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "json".equals(System.getenv("GRIDSTATION_LOG_FORMAT"))
                    ? "gridstation-logback-json.xml" : "gridstation-logback.xml");
        }
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "demo" -> DemoCommand.run(rest);
                case "gateway" -> GatewayCommand.run(rest);
                case "kiosk" -> KioskCommand.run(rest);
                case "bench" -> BenchCommand.run(rest);
                case "provision" -> ProvisionCommand.run(rest);
                case "certificates" -> CertificatesCommand.run(rest);
                case "mosquitto-auth" -> MosquittoAuthCommand.run(rest);
                case "backup" -> BackupCommand.backup(rest);
                case "restore" -> BackupCommand.restore(rest);
                default -> throw new Flags.UsageException("unknown command '" + args[0] + "'");
            };
        } catch (Flags.UsageException e) {
            System.err.println("gridstation: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (Exception e) {
            System.err.println("gridstation " + args[0] + ": " + e.getMessage());
            LoggerFactory.getLogger(Main.class).debug("command failed", e);
            return 1;
        }
    }
}
