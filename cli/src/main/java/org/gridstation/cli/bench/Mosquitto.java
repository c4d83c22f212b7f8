package org.gridstation.cli.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A Mosquitto of the bench's own on a free loopback port (never the machine's), configured as the
 * deployment's {@code gridstation.conf} for the gateway's side: anonymous on loopback, 1,000,000
 * queued messages and 1,000 in flight per client ({@code -Dgridstation.bench.mosquitto.inflight=N}
 * to compare); no persistence (a bench broker keeps nothing).
 */
final class Mosquitto implements AutoCloseable {
    private final Process process;
    private final int port;

    private Mosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Mosquitto start(Path dir) throws Exception {
        int port = LocalProcesses.freePort();
        Files.createDirectories(dir);
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "max_queued_messages " + System.getProperty("gridstation.bench.mosquitto.queued", "1000000"),
                "max_inflight_messages " + System.getProperty("gridstation.bench.mosquitto.inflight", "1000"),
                "set_tcp_nodelay true",
                "log_type error",
                "log_type warning",
                ""));
        Process p = new ProcessBuilder(List.of("mosquitto", "-c", conf.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + p.exitValue() + "; see " + dir.resolve("mosquitto.log"));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new Mosquitto(p, port);
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        p.destroy();
        throw new TimeoutException("mosquitto did not listen on " + port);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Asks it to stop without waiting (from a shutdown hook). */
    void kill() {
        process.destroy();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
