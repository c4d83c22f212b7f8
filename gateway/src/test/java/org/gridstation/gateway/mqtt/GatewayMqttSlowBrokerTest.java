package org.gridstation.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A broker that stops reading for a while (Mosquitto busy with a county's reconnect burst) must
 * not cost the gateway its QoS 0 messages, the stations' acks. Paho gives every publish, QoS 0
 * too, one of its 65,535 message ids until it is written; before {@link GatewayMqtt} bounded what
 * it hands over, the acks piled up in the client and every publish after the 65,535th failed
 * ("no new message IDs"), and each station whose ack was lost sent its events again.
 */
class GatewayMqttSlowBrokerTest {
    private static final int MESSAGES = 150_000;
    private static final long STALL_MS = 3_000;

    @Test
    void aBrokerThatStopsReading_delaysQos0Publishes_butLosesNone() throws Exception {
        try (StallingBroker broker = new StallingBroker(STALL_MS)) {
            GatewayMqtt mqtt = new GatewayMqtt("tcp://127.0.0.1:" + broker.port(), "gateway-test-acks", List.of());
            try {
                mqtt.startPublishing(10_000);
                assertTrue(mqtt.isConnected(), "connected to the stand-in broker");
                byte[] payload = new byte[120];
                int refused = 0;
                for (int i = 0; i < MESSAGES; i++) {
                    if (!mqtt.publish("gs/v1/stations/st-" + (i % 2425) + "/ack", payload, 0, false)) {
                        refused++;
                    }
                    assertTrue(mqtt.unsentQos0() <= GatewayMqtt.MAX_UNSENT_QOS0, "QoS 0 messages waiting in the client");
                }
                assertEquals(0, refused, "publishes refused while the broker did not read");
                assertTrue(broker.stalled.await(1, TimeUnit.SECONDS), "the broker did stop reading");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (broker.publishes.get() < MESSAGES && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(MESSAGES, broker.publishes.get(), "PUBLISH packets the broker read");
            } finally {
                mqtt.close();
            }
        }
    }

    /**
     * Accepts one MQTT 5 connection, answers its CONNECT, then reads nothing for {@code stallMs}
     * (its socket buffers fill and the client's writes block), then reads and counts every PUBLISH.
     */
    private static final class StallingBroker implements AutoCloseable {
        final AtomicLong publishes = new AtomicLong();
        final CountDownLatch stalled = new CountDownLatch(1);
        private final ServerSocket server;
        private final Thread thread;

        StallingBroker(long stallMs) throws IOException {
            server = new ServerSocket();
            server.setReceiveBufferSize(16 * 1024); // before bind: the accepted socket's window stays small
            server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            thread = new Thread(() -> serve(stallMs), "stalling-broker");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve(long stallMs) {
            try (Socket s = server.accept()) {
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
                OutputStream out = s.getOutputStream();
                int type = in.readUnsignedByte() >> 4;
                skip(in, remainingLength(in));
                if (type != 1) {
                    return;
                }
                out.write(new byte[] {0x20, 0x03, 0x00, 0x00, 0x00}); // CONNACK: accepted, no properties
                out.flush();
                Thread.sleep(stallMs);
                stalled.countDown();
                while (true) {
                    int first = in.read();
                    if (first < 0) {
                        return;
                    }
                    skip(in, remainingLength(in));
                    if ((first >> 4) == 3) {
                        publishes.incrementAndGet();
                    } else if ((first >> 4) == 12) {
                        out.write(new byte[] {(byte) 0xd0, 0x00}); // PINGRESP
                        out.flush();
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the test closed the server
            }
        }

        private static int remainingLength(InputStream in) throws IOException {
            int value = 0;
            for (int shift = 0; shift <= 21; shift += 7) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed");
                }
                value |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IOException("bad remaining length");
        }

        private static void skip(DataInputStream in, int n) throws IOException {
            in.readFully(new byte[n]);
        }

        @Override
        public void close() throws IOException {
            server.close();
            thread.interrupt();
        }
    }
}
