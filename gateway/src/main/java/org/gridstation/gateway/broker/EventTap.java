package org.gridstation.gateway.broker;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;
import org.gridstation.gateway.mqtt.MessageListener;
import org.gridstation.protocol.Topics;

/**
 * Hands every station event the embedded broker has authorized straight to the gateway's ingest,
 * inside the process: the gateway does not subscribe to {@code gs/v1/stations/+/events} on its
 * own broker, so an event costs the broker one inbound PUBLISH and its PUBACK instead of also an
 * outbound PUBLISH to the gateway's connection, that connection's PUBACK, and a second decode.
 * It also takes the events off the gateway connection's one queue at the broker: in a county's
 * reconnect burst every station's events reach the ingest's fair rounds within seconds, instead
 * of the last stations' events waiting a minute at the back of that queue while their kiosks go
 * without an ack and send everything again (docs/scaling.md, Round 5).
 *
 * <p>Called by the broker's publish authorizer on HiveMQ's extension threads (as many as cores),
 * only for a PUBLISH it has just allowed, so a station's event on another station's topic never
 * gets here. The listener may block (the ingest queue full): the station's PUBACK waits with it,
 * which is the back-pressure a kiosk's publish window expects. Until {@link #listen} is called,
 * events are counted as missed and left for the kiosks to re-send (they have no ack).
 */
public final class EventTap {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EventTap.class);
    private volatile MessageListener listener;
    private final LongAdder missed = new LongAdder();

    /** From now on, authorized events go to {@code l}. */
    public void listen(MessageListener l) {
        this.listener = java.util.Objects.requireNonNull(l);
    }

    private static final String EVENTS_PREFIX = Topics.ROOT + "/stations/";
    private static final String EVENTS_SUFFIX = "/" + Topics.Kind.EVENTS.level();

    /**
     * True if the topic looks like a station's events topic, the only kind tapped (the ingest
     * checks it in full and rejects what is not).
     */
    static boolean tapped(String topic) {
        return topic.startsWith(EVENTS_PREFIX) && topic.endsWith(EVENTS_SUFFIX);
    }

    /** Passes an authorized PUBLISH on an events topic to the listener. */
    void authorized(String topic, java.util.Optional<ByteBuffer> payload, boolean retained) {
        MessageListener l = listener;
        if (l == null) {
            missed.increment();
            if (missed.sum() == 1) {
                log.info("a station event arrived before the ingest was ready; its kiosk will re-send it");
            }
            return;
        }
        byte[] bytes;
        if (payload.isEmpty()) {
            bytes = new byte[0];
        } else {
            ByteBuffer b = payload.get().asReadOnlyBuffer();
            bytes = new byte[b.remaining()];
            b.get(bytes);
        }
        l.onMessage(topic, bytes, retained);
    }

    /** Events authorized before anyone listened (their kiosks re-send them). */
    public long missed() {
        return missed.sum();
    }
}
