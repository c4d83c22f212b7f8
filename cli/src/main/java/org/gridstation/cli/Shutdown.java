package org.gridstation.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running command alive until SIGTERM or Ctrl-C, then closes what it started in
 * reverse order (kiosks before the gateway, so their last events are acknowledged or kept).
 */
final class Shutdown {
    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);
    private final List<AutoCloseable> started = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    Shutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "gridstation-shutdown"));
    }

    /** Registers something to close at shutdown, after everything registered later. */
    synchronized <T extends AutoCloseable> T add(T resource) {
        started.add(resource);
        return resource;
    }

    /** Blocks until the process is asked to stop. */
    void await() throws InterruptedException {
        closed.await();
    }

    private void closeAll() {
        List<AutoCloseable> reversed;
        synchronized (this) {
            reversed = new ArrayList<>(started);
            started.clear();
        }
        java.util.Collections.reverse(reversed);
        for (AutoCloseable c : reversed) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}", c.getClass().getSimpleName(), e);
            }
        }
        LOG.info("stopped");
        closed.countDown();
    }
}
