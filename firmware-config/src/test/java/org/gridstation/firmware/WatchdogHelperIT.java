package org.gridstation.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated {@code bin/gs-watchdog} speaks systemd's notify protocol as the unit expects
 * (Type=notify, WatchdogSec): READY=1 once the health URL answers, WATCHDOG=1 while it keeps
 * answering, none while it fails, and it passes SIGTERM on to the kiosk process. systemd's
 * notify socket is played by a small python3 datagram listener (the JDK has no Unix datagram
 * sockets); the kiosk by {@code sleep} and a JDK HTTP server.
 */
class WatchdogHelperIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String LISTENER = "import socket,sys\n"
            + "s=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM); s.bind(sys.argv[1]); print('bound',flush=True)\n"
            + "while True: print(s.recv(4096).decode(),flush=True)\n";

    @TempDir
    Path dir;
    private final AtomicInteger healthStatus = new AtomicInteger(200);
    private final BlockingQueue<String> notifications = new LinkedBlockingQueue<>();
    private HttpServer health;
    private Process listener;
    private Process watchdog;

    @AfterEach
    void stop() {
        for (Process p : new Process[] {watchdog, listener}) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
        if (health != null) {
            health.stop(0);
        }
    }

    @Test
    void readyOnceHealthy_pingsWhileHealthy_silentWhenNot_andPassesSigtermToTheKiosk() throws Exception {
        Needs.executable(PYTHON);
        Path script = dir.resolve("gs-watchdog");
        Files.writeString(script, Fixtures.fixedGenerator().generate(Fixtures.spec(Board.PI4))
                .file("bin/gs-watchdog").orElseThrow().content(), StandardCharsets.UTF_8);
        Path socket = dir.resolve("notify.sock");
        startListener(socket);
        health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.createContext("/healthz", ex -> {
            ex.sendResponseHeaders(healthStatus.get(), -1);
            ex.close();
        });
        health.start();
        String url = "http://127.0.0.1:" + health.getAddress().getPort() + "/healthz";

        ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString(), url, "--", "sleep", "60").redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("NOTIFY_SOCKET", socket.toString());
        env.put("WATCHDOG_USEC", "300000");
        watchdog = pb.start();

        assertEquals("READY=1", next());
        assertEquals("WATCHDOG=1", next());
        assertEquals("WATCHDOG=1", next());

        healthStatus.set(500);
        drainFor(400);
        assertEquals(null, notifications.poll(600, TimeUnit.MILLISECONDS), "no pings while /healthz fails");

        healthStatus.set(200);
        assertEquals("WATCHDOG=1", next());

        watchdog.destroy(); // SIGTERM, as systemd sends it with KillMode=mixed
        assertTrue(watchdog.waitFor(10, TimeUnit.SECONDS));
        assertEquals(128 + 15, watchdog.exitValue(), "the kiosk's SIGTERM exit status is passed on");
        drainUntil("STOPPING=1");
    }

    @Test
    void cds_firstStartWritesTheArchiveAsItStops_laterStartsUseIt_anotherBundleReplacesIt() throws Exception {
        Needs.executable(PYTHON);
        Path script = dir.resolve("gs-watchdog");
        Files.writeString(script, Fixtures.fixedGenerator().generate(Fixtures.spec(Board.PI4))
                .file("bin/gs-watchdog").orElseThrow().content(), StandardCharsets.UTF_8);
        // a stand-in for java: records its arguments, writes the archive it is asked to write at exit
        Path java = dir.resolve("java");
        Path args = dir.resolve("args");
        Files.writeString(java, "#!/bin/sh\necho \"$*\" >> " + args + "\nfor a in \"$@\"; do case \"$a\" in"
                + " -XX:ArchiveClassesAtExit=*) echo archive > \"${a#*=}\";; esac; done\n");
        assertTrue(java.toFile().setExecutable(true));
        Path cds = dir.resolve("cds");
        Path jar = dir.resolve("app.jar");
        Files.writeString(jar, "v1");
        String[] command = {PYTHON, script.toString(), "--cds", cds.toString(), "http://127.0.0.1:9/healthz", "--",
            java.toString(), "-Xmx96m", "-cp", jar.toString(), "org.gridstation.cli.Main", "kiosk"};

        assertEquals(0, run(command));
        List<String> lines = Files.readAllLines(args);
        assertTrue(lines.get(0).startsWith("-XX:ArchiveClassesAtExit=" + cds.resolve("kiosk-")), lines.get(0));
        String archive = lines.get(0).substring("-XX:ArchiveClassesAtExit=".length(), lines.get(0).indexOf(".part "));
        assertTrue(Files.isRegularFile(Path.of(archive)), "the archive written at exit is put in place");
        assertFalse(Files.exists(Path.of(archive + ".part")));

        assertEquals(0, run(command));
        assertEquals("-XX:SharedArchiveFile=" + archive + " -Xmx96m -cp " + jar + " org.gridstation.cli.Main kiosk",
                Files.readAllLines(args).get(1));

        Files.writeString(jar, "v2, a new bundle");
        assertEquals(0, run(command));
        String third = Files.readAllLines(args).get(2);
        assertTrue(third.startsWith("-XX:ArchiveClassesAtExit="), third);
        assertFalse(Files.exists(Path.of(archive)), "the old bundle's archive is removed");
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue();
    }

    private void startListener(Path socket) throws IOException, InterruptedException {
        listener = new ProcessBuilder(PYTHON, "-c", LISTENER, socket.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    notifications.add(line);
                }
            } catch (IOException ignored) {
                // the listener was stopped
            }
        }, "notify-listener");
        reader.setDaemon(true);
        reader.start();
        assertEquals("bound", next());
    }

    private String next() throws InterruptedException {
        String line = notifications.poll(10, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no notification within 10 s");
        }
        return line;
    }

    /** Lets a ping already in flight arrive and discards it. */
    private void drainFor(long millis) throws InterruptedException {
        Thread.sleep(millis);
        notifications.clear();
    }

    /** Skips pings sent before the stop until {@code expected} arrives; fails if it never does. */
    private void drainUntil(String expected) throws InterruptedException {
        String line = next();
        while (!line.equals(expected)) {
            line = next();
        }
    }
}
