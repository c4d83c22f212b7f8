package org.gridstation.kiosk.speech;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks through a command-line engine, one prompt at a time: the configured command with the text
 * as its last argument (by default {@code espeak-ng -v cmn <text>}). At most {@link #MAX_WAITING}
 * prompts wait; more are dropped (a stale prompt helps nobody). An engine that fails, hangs past
 * {@link #TIMEOUT_SECONDS} or is missing is logged and counted; the kiosk carries on silently.
 */
public final class CommandSpeaker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandSpeaker.class);
    static final int MAX_WAITING = 2;
    static final long TIMEOUT_SECONDS = 20;

    private final List<String> command;
    private final ThreadPoolExecutor worker;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public CommandSpeaker(List<String> command) {
        this.command = List.copyOf(command);
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_WAITING), r -> {
            Thread t = new Thread(r, "kiosk-speech");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code text}; completes with whether it was spoken. */
    public CompletableFuture<Boolean> say(String text) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        try {
            worker.execute(() -> done.complete(speak(text)));
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
            log.info("speech busy; a prompt was dropped");
            done.complete(false);
        }
        return done;
    }

    private boolean speak(String text) {
        List<String> cmd = new ArrayList<>(command);
        cmd.add(text);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return failed("cannot start " + command.get(0) + ": " + e.getMessage());
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return failed(command.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return p.exitValue() == 0 || failed(command.get(0) + " exited with " + p.exitValue());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean failed(String why) {
        failures.incrementAndGet();
        log.warn("speech failed: {}", why); // not the text: it may name a person
        return false;
    }

    /** Prompts the engine failed to speak since start. */
    public long failures() {
        return failures.get();
    }

    /** Prompts dropped because others were still waiting. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
