package org.gridstation.firmware.mosquitto;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real Mosquitto on a free port of 127.0.0.1, with a password file and an ACL file; test helper. */
final class TestBroker implements AutoCloseable {
    static final String MOSQUITTO = "/usr/sbin/mosquitto";

    private final Process process;
    private final int port;
    private final Path log;

    private TestBroker(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static TestBroker start(Path dir, String passwd, String acl) throws IOException, InterruptedException {
        int port = freePort();
        Path passwdFile = Files.writeString(dir.resolve("passwd"), passwd, StandardCharsets.UTF_8);
        Path aclFile = Files.writeString(dir.resolve("acl"), acl, StandardCharsets.UTF_8);
        return start(dir, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous false",
                "password_file " + passwdFile,
                "acl_file " + aclFile,
                ""), port);
    }

    /** Starts Mosquitto with {@code config} (plus no persistence and no user switch) and waits for {@code port}. */
    static TestBroker start(Path dir, String config, int port) throws IOException, InterruptedException {
        Path conf = Files.writeString(dir.resolve("mosquitto.conf"), config + "persistence false\nuser root\n",
                StandardCharsets.UTF_8);
        Path log = dir.resolve("mosquitto.log");
        Process p = new ProcessBuilder(MOSQUITTO, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        TestBroker broker = new TestBroker(p, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("mosquitto exited: " + broker.log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return broker;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        broker.close();
        throw new IllegalStateException("mosquitto did not listen on " + port + ": " + broker.log());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
