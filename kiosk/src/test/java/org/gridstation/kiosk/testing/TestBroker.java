package org.gridstation.kiosk.testing;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** HiveMQ CE embedded as a plain MQTT 5 broker on a free port, restartable on the same port. */
public final class TestBroker implements AutoCloseable {
    private final Path folder;
    private final int port;
    private EmbeddedHiveMQ hive;

    private TestBroker(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** A broker on a free port, not yet started. */
    public static TestBroker create(Path folder) {
        return new TestBroker(folder, freePort());
    }

    /** A broker on a free port, started. */
    public static TestBroker start(Path folder) {
        TestBroker b = create(folder);
        b.start();
        return b;
    }

    public synchronized void start() {
        try {
            Path conf = Files.createDirectories(folder.resolve("conf"));
            Path data = Files.createDirectories(folder.resolve("data"));
            Path ext = Files.createDirectories(folder.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), "<?xml version=\"1.0\"?>\n<hivemq>\n"
                    + "  <listeners><tcp-listener><port>" + port + "</port><bind-address>127.0.0.1</bind-address></tcp-listener></listeners>\n"
                    + "  <mqtt><queued-messages><max-queue-size>100000</max-queue-size></queued-messages></mqtt>\n"
                    + "  <persistence><mode>in-memory</mode></persistence>\n"
                    + "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
                    + "</hivemq>\n");
            hive = EmbeddedHiveMQ.builder().withConfigurationFolder(conf).withDataFolder(data)
                    .withExtensionsFolder(ext).withoutLoggingBootstrap().build();
            hive.start().join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops and discards the broker; {@link #start()} brings up a fresh one on the same port. */
    public synchronized void stop() {
        if (hive != null) {
            try {
                hive.stop().join();
                hive.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            hive = null;
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
