package org.gridstation.cli.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedListener;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.reactivex.schedulers.Schedulers;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator's MQTT 5 clients (HiveMQ MQTT client, async API, Netty): every client of one
 * generator shares {@value #NETTY_THREADS} Netty event-loop threads and {@value #APPLICATION_THREADS}
 * application threads (where publish results, incoming messages and the stations' pumping run), so
 * 2,425 connections cost a handful of threads instead of Paho's three per connection.
 */
final class BenchMqtt implements AutoCloseable {
    static final int NETTY_THREADS = 2;
    static final int APPLICATION_THREADS = 2;

    private final String host;
    private final int port;
    private final ExecutorService netty;
    private final ExecutorService application;
    private final MqttClientExecutorConfig executors;

    /** @param uri the broker, {@code tcp://host:port} */
    BenchMqtt(String uri) {
        URI u = URI.create(uri);
        if (!"tcp".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("the load generator speaks plain MQTT over TCP, not " + uri);
        }
        this.host = u.getHost();
        this.port = u.getPort() > 0 ? u.getPort() : 1883;
        // The client makes one Netty event-loop group of NETTY_THREADS on this executor, shared by
        // every client given the same config, and ends the group (not the executor) when the last
        // client disconnects; a cached pool lets a later connect start a new group at once.
        this.netty = Executors.newCachedThreadPool(daemons("bench-mqtt-netty"));
        this.application = Executors.newFixedThreadPool(APPLICATION_THREADS, daemons("bench-mqtt-app"));
        this.executors = MqttClientExecutorConfig.builder()
                .nettyExecutor(netty)
                .nettyThreads(NETTY_THREADS)
                .applicationScheduler(Schedulers.from(application))
                .build();
    }

    /** A new client (not connected) with this generator's shared threads; no automatic reconnect. */
    Mqtt5AsyncClient client(String clientId, long connectTimeoutMs, MqttClientDisconnectedListener onDisconnect) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost(host)
                .serverPort(port)
                .transportConfig()
                .socketConnectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
                .applyTransportConfig()
                .executorConfig(executors)
                .addDisconnectedListener(onDisconnect)
                .buildAsync();
    }

    @Override
    public void close() {
        application.shutdownNow();
        netty.shutdownNow();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
