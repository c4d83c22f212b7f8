package org.gridstation.kiosk;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a kiosk until SIGTERM or Ctrl-C: {@code java … org.gridstation.kiosk.KioskMain --config kiosk.properties}.
 * Prints {@code KIOSK READY http://host:port/} on standard output once the web server answers.
 */
public final class KioskMain {
    private static final String LOGBACK_PROPERTY = "logback.configurationFile";

    private KioskMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty(LOGBACK_PROPERTY) == null) {
            // GRIDSTATION_LOG_FORMAT=json logs one JSON object per line for a log collector
            System.setProperty(LOGBACK_PROPERTY, "json".equals(System.getenv("GRIDSTATION_LOG_FORMAT"))
                    ? "kiosk-logback-json.xml" : "kiosk-logback.xml");
        }
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else {
                usage("unknown argument: " + args[i]);
            }
        }
        if (file == null) {
            usage("--config FILE is required");
        }
        KioskConfig config;
        try {
            config = KioskConfig.load(file);
        } catch (RuntimeException e) {
            System.err.println("kiosk: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(config);
    }

    /**
     * Starts a kiosk and blocks until the JVM is asked to stop (SIGTERM, Ctrl-C), then stops it
     * cleanly from the shutdown hook.
     */
    public static void run(KioskConfig config) {
        KioskApp app = KioskApp.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "kiosk-shutdown"));
        System.out.println("KIOSK READY http://" + config.httpHost() + ":" + app.httpPort() + "/");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            app.close();
        }
    }

    private static void usage(String problem) {
        System.err.println("kiosk: " + problem);
        System.err.println("usage: KioskMain --config kiosk.properties");
        System.exit(2);
    }
}
