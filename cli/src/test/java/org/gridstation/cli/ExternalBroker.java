package org.gridstation.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's Mosquitto for the integration tests: skipped with a reason where none answers,
 * a failure under {@code CI=true}.
 */
final class ExternalBroker {
    static final String HOST = System.getenv().getOrDefault("GRIDSTATION_IT_MQTT_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("GRIDSTATION_IT_MQTT_PORT", "1883"));

    private ExternalBroker() {
    }

    static String uri() {
        return "tcp://" + HOST + ":" + PORT;
    }

    static void require() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, PORT), 2000);
        } catch (IOException e) {
            String reason = "no MQTT broker answers at " + uri() + " (start Mosquitto: mosquitto -d)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + "; under CI=true this integration test must run");
            }
            Assumptions.abort(reason);
        }
    }
}
