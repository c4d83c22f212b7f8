package org.gridstation.kiosk.downlink;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.gridstation.kiosk.mqtt.KioskMqtt;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.MalformedMessageException;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.Ack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends each downlink message to where it belongs: acks to the outbox, the rest to {@link TownState}. */
public final class DownlinkRouter implements KioskMqtt.MessageHandler {
    private static final Logger log = LoggerFactory.getLogger(DownlinkRouter.class);

    private final String ackTopic;
    private final TownState town;
    private final Consumer<Ack> acks;
    private final AtomicLong malformedAcks = new AtomicLong();

    public DownlinkRouter(String stationId, TownState town, Consumer<Ack> acks) {
        this.ackTopic = Topics.ack(stationId);
        this.town = town;
        this.acks = acks;
    }

    @Override
    public void onMessage(String topic, byte[] payload) {
        if (topic.equals(ackTopic)) {
            Ack ack;
            try {
                ack = Json.read(payload, Ack.class);
            } catch (MalformedMessageException e) {
                malformedAcks.incrementAndGet();
                log.warn("rejected a malformed ack ({} bytes): {}", payload.length, e.getMessage());
                return;
            }
            acks.accept(ack);
            return;
        }
        town.offer(topic, payload);
    }

    /** Malformed acks received since start. */
    public long malformedAcks() {
        return malformedAcks.get();
    }
}
