package org.gridstation.gateway;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The gateway's periodic work: one named daemon thread each, stopped the same way. */
public final class BackgroundThreads {
    private BackgroundThreads() {
    }

    /** A scheduler with one daemon thread called {@code name}. */
    public static ScheduledExecutorService single(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Interrupts {@code exec}'s work and waits up to 2 s for it to end. */
    public static void stop(ExecutorService exec) {
        exec.shutdownNow();
        try {
            exec.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
