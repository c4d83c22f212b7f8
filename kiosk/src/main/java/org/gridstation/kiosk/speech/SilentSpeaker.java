package org.gridstation.kiosk.speech;

import java.util.concurrent.CompletableFuture;

/** A station with speech switched off ({@code speech.enabled=false}, the default): says nothing. */
public final class SilentSpeaker implements Speaker {
    @Override
    public CompletableFuture<Boolean> say(String text) {
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public void close() {
    }
}
