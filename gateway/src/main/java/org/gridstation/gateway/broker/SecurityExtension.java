package org.gridstation.gateway.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.connect.WillPublishPacket;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.gridstation.gateway.credential.MqttRefusals.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BrokerSecurity} plugged into HiveMQ as an embedded extension: a simple authenticator on
 * every CONNECT and one authorizer for every PUBLISH (wills included) and SUBSCRIBE. The identity
 * decided at CONNECT rides in the connection's attribute store. A station event it allows goes to
 * the {@link EventTap} before the broker acknowledges it to the station.
 */
final class SecurityExtension implements ExtensionMain, SimpleAuthenticator, PublishAuthorizer, SubscriptionAuthorizer {
    private static final Logger log = LoggerFactory.getLogger(SecurityExtension.class);
    private static final String STATION = "gridstation.station";
    private static final String INTERNAL = "gridstation.internal";

    private final BrokerSecurity security;
    private final EventTap events;

    SecurityExtension(BrokerSecurity security, EventTap events) {
        this.security = security;
        this.events = events;
    }

    EmbeddedExtension embedded() {
        return EmbeddedExtension.builder().withId("gridstation-security").withName("GridStation station credentials and ACL")
                .withVersion("1").withAuthor("GridStation").withPriority(1000).withStartPriority(1000)
                .withExtensionMain(this).build();
    }

    @Override
    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        Services.securityRegistry().setAuthenticatorProvider(input -> this);
        Services.securityRegistry().setAuthorizerProvider(input -> this);
    }

    @Override
    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
        // nothing held
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket c = input.getConnectPacket();
        BrokerSecurity.Verdict v = security.connect(c.getClientId(), c.getUserName(), c.getPassword().map(SecurityExtension::utf8),
                c.getWillPublish().map(w -> w.getTopic()));
        if (v.identity().isEmpty()) {
            Reason r = v.refusal().orElseThrow();
            log.warn("MQTT client {} refused: {}", c.getClientId(), r.wire());
            output.failAuthentication(r == Reason.BAD_PASSWORD || r == Reason.NO_CREDENTIAL || r == Reason.NOT_A_STATION
                    ? ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD : ConnackReasonCode.NOT_AUTHORIZED, r.wire());
            return;
        }
        ConnectionAttributeStore attrs = input.getConnectionInformation().getConnectionAttributeStore();
        Optional<String> station = v.identity().get().stationId();
        if (station.isPresent()) {
            attrs.putAsString(STATION, station.get());
        } else {
            attrs.putAsString(INTERNAL, "1");
        }
        output.authenticateSuccessfully();
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        Optional<BrokerSecurity.Identity> who = identity(input.getConnectionInformation().getConnectionAttributeStore());
        String topic = input.getPublishPacket().getTopic();
        if (who.isPresent() && security.mayPublish(who.get(), topic)) {
            PublishPacket p = input.getPublishPacket();
            if (EventTap.tapped(topic) && !(p instanceof WillPublishPacket)) { // a will is not published yet
                events.authorized(topic, p.getPayload(), p.getRetain());
            }
            output.authorizeSuccessfully();
        } else {
            log.warn("MQTT client {} may not publish on {}", input.getClientInformation().getClientId(), topic);
            output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not your topic");
        }
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        Optional<BrokerSecurity.Identity> who = identity(input.getConnectionInformation().getConnectionAttributeStore());
        String filter = input.getSubscription().getTopicFilter();
        if (who.isPresent() && security.maySubscribe(who.get(), filter)) {
            output.authorizeSuccessfully();
        } else {
            log.warn("MQTT client {} may not subscribe to {}", input.getClientInformation().getClientId(), filter);
            output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not your topic");
        }
    }

    private static Optional<BrokerSecurity.Identity> identity(ConnectionAttributeStore attrs) {
        if (attrs.getAsString(INTERNAL).isPresent()) {
            return Optional.of(BrokerSecurity.Identity.INTERNAL);
        }
        return attrs.getAsString(STATION).map(s -> new BrokerSecurity.Identity(Optional.of(s)));
    }

    private static String utf8(ByteBuffer b) {
        ByteBuffer copy = b.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
