package org.gridstation.gateway.broker;

import java.util.Objects;
import java.util.Optional;
import org.gridstation.gateway.credential.InternalCredential;
import org.gridstation.gateway.credential.MqttRefusals;
import org.gridstation.gateway.credential.MqttRefusals.Reason;
import org.gridstation.gateway.credential.StationCredentials;
import org.gridstation.protocol.mqtt.StationTopics;

/**
 * The embedded broker's rules, free of HiveMQ: who may connect (the gateway's internal user, or a
 * station whose user name is its client id {@code kiosk-<id>} with a live credential; nobody
 * anonymous) and what a station may publish and subscribe ({@link StationTopics}). Every refusal
 * is counted in {@link MqttRefusals}.
 */
public final class BrokerSecurity {
    private final StationCredentials credentials;
    private final InternalCredential internal;
    private final MqttRefusals refusals;

    public BrokerSecurity(StationCredentials credentials, InternalCredential internal, MqttRefusals refusals) {
        this.credentials = Objects.requireNonNull(credentials);
        this.internal = Objects.requireNonNull(internal);
        this.refusals = Objects.requireNonNull(refusals);
    }

    /**
     * Who a connected client is.
     *
     * @param stationId the station, or empty for the gateway's internal user (full rights)
     */
    public record Identity(Optional<String> stationId) {
        static final Identity INTERNAL = new Identity(Optional.empty());

        public boolean internal() {
            return stationId.isEmpty();
        }
    }

    /** The decision on a CONNECT: the identity, or the reason for refusing it. */
    public record Verdict(Optional<Identity> identity, Optional<Reason> refusal) {
        static Verdict allow(Identity i) {
            return new Verdict(Optional.of(i), Optional.empty());
        }

        static Verdict refuse(Reason r) {
            return new Verdict(Optional.empty(), Optional.of(r));
        }
    }

    /**
     * Decides a CONNECT.
     *
     * @param willTopic the last will's topic, if the client set one: a station may only will its own uplinks
     */
    public Verdict connect(String clientId, Optional<String> username, Optional<String> password, Optional<String> willTopic) {
        if (username.isPresent() && internal.matches(username.get(), password.orElse(null))) {
            return Verdict.allow(Identity.INTERNAL);
        }
        Optional<String> station = username.flatMap(StationTopics::stationOf);
        if (station.isEmpty() || !username.get().equals(clientId)) {
            refusals.record(station.orElse(StationTopics.stationOf(clientId).orElse("")), Reason.NOT_A_STATION);
            return Verdict.refuse(Reason.NOT_A_STATION);
        }
        String id = station.get();
        Reason refusal = switch (credentials.check(id, password.orElse(""))) {
            case OK -> null;
            case WRONG_PASSWORD -> Reason.BAD_PASSWORD;
            case REVOKED -> Reason.REVOKED;
            case NO_CREDENTIAL -> Reason.NO_CREDENTIAL;
        };
        if (refusal == null && willTopic.isPresent() && !StationTopics.mayPublish(id, willTopic.get())) {
            refusal = Reason.PUBLISH_DENIED;
        }
        if (refusal != null) {
            refusals.record(id, refusal);
            return Verdict.refuse(refusal);
        }
        return Verdict.allow(new Identity(Optional.of(id)));
    }

    /** True if the client may publish on {@code topic}; a refusal is counted. */
    public boolean mayPublish(Identity who, String topic) {
        if (who.internal()) {
            return true;
        }
        String id = who.stationId().get();
        if (StationTopics.mayPublish(id, topic)) {
            return true;
        }
        refusals.record(id, Reason.PUBLISH_DENIED);
        return false;
    }

    /** True if the client may subscribe to {@code filter}; a refusal is counted. */
    public boolean maySubscribe(Identity who, String filter) {
        if (who.internal()) {
            return true;
        }
        String id = who.stationId().get();
        if (StationTopics.maySubscribe(id, filter)) {
            return true;
        }
        refusals.record(id, Reason.SUBSCRIBE_DENIED);
        return false;
    }
}
