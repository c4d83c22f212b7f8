package org.gridstation.kiosk.speech;

import java.util.concurrent.CompletableFuture;

/** Says a short prompt aloud. Never blocks the caller and never throws for a failed engine. */
public interface Speaker extends AutoCloseable {
    /**
     * Queues {@code text} to be spoken.
     *
     * @return completes with true once spoken, false if the engine failed or the prompt was dropped
     */
    CompletableFuture<Boolean> say(String text);

    @Override
    void close();
}
