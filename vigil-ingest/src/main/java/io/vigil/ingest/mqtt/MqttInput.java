package io.vigil.ingest.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.core.error.TemporaryException;
import io.vigil.core.event.EventId;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.journal.Journal;
import io.vigil.core.pipeline.Failure;
import io.vigil.core.pipeline.FailureStore;
import io.vigil.core.pipeline.Phase;
import io.vigil.ingest.admission.Admission;
import io.vigil.ingest.admission.TenantAdmission;
import io.vigil.ingest.pipeline.StageMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to a broker and journals one {@link RawEvent} per message ({@code SourceRef("mqtt", topic, codec)}).
 *
 * <p>Delivery: QoS 1 on a persistent session (clean start off, session expiry configured) with manual
 * acknowledgement: a message is acknowledged (PUBACK) only once the journal has forced it to disk. While the
 * journal refuses (backlog, disk) or the tenant is over its admission rate, the message is retried after the hinted
 * wait and stays unacknowledged; once {@code maxInFlight} messages wait, the broker stops sending (MQTT 5 receive
 * maximum) and queues for us. Messages unacknowledged at stop or crash are sent again by the broker in the next
 * session (at least once). Reconnects use exponential backoff.
 *
 * <p>Routing: {@link TopicRouter}; a topic that no mapping claims is acknowledged, counted in
 * {@code vigil.ingest.mqtt.messages{outcome=unmapped}} and dropped (it belongs to no tenant). A payload over
 * {@code maxPayloadBytes} is acknowledged and kept (its first 64 KiB) in the tenant's failure store.
 */
public final class MqttInput implements AutoCloseable {

    public static final String INPUT = "mqtt";
    static final int MAX_KEPT_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(MqttInput.class);

    private final MqttConfig config;
    private final Journal journal;
    private final FailureStore failures;
    private final TenantAdmission admission;
    private final StageMetrics metrics;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Counter unmapped;
    private volatile TopicRouter router = new TopicRouter(List.of());
    private final Set<String> subscribed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean connected;
    private volatile boolean closed;
    private ScheduledExecutorService executor;
    private Mqtt5AsyncClient client;

    public MqttInput(MqttConfig config, Journal journal, FailureStore failures, TenantAdmission admission,
                     StageMetrics metrics, MeterRegistry meters, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.admission = admission;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.unmapped = messages("unmapped");
    }

    /** Connects (retrying in the background until it succeeds) and subscribes to every mapping's filter. */
    public synchronized void start(List<TopicMapping> mappings) {
        if (client != null) {
            return;
        }
        router = new TopicRouter(mappings);
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vigil-ingest-mqtt");
            thread.setDaemon(true);
            return thread;
        });
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5()
                .identifier(config.clientId())
                .serverHost(config.host())
                .serverPort(config.port())
                .automaticReconnect()
                .initialDelay(config.reconnectInitial().toMillis(), TimeUnit.MILLISECONDS)
                .maxDelay(config.reconnectMax().toMillis(), TimeUnit.MILLISECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(context -> {
                    connected = true;
                    LOG.info("MQTT input connected to {}", config);
                    executor.execute(this::subscribeAll);
                })
                .addDisconnectedListener(context -> {
                    subscribed.clear();
                    if (connected || !closed) {
                        LOG.warn("MQTT input disconnected from {}: {}", config, context.getCause().toString());
                    }
                    connected = false;
                });
        if (config.tls()) {
            builder = builder.sslConfig()
                    .protocols(List.of("TLSv1.3", "TLSv1.2"))
                    .trustManagerFactory(trustManagers())
                    .applySslConfig();
        }
        client = builder.buildAsync();
        // One flow for every incoming message, registered before connecting so that messages the broker kept for
        // our session are handled too; subscriptions carry no callback of their own (no duplicate delivery).
        client.publishes(MqttGlobalPublishFilter.ALL, this::onMessage, executor, true);
        var connect = client.connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(config.sessionExpiry().toSeconds())
                .keepAlive(30)
                .restrictions()
                .receiveMaximum(config.maxInFlight())
                .maximumPacketSize(config.maxPacketBytes())
                .applyRestrictions();
        if (config.username() != null && !config.username().isBlank()) {
            connect = connect.simpleAuth()
                    .username(config.username())
                    .password(config.password() == null ? new byte[0] : config.password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        connect.send().whenComplete((ack, error) -> {
            if (error != null) {
                LOG.warn("MQTT input could not connect to {} (retrying with backoff): {}", config, error.toString());
            }
        });
    }

    /** Replaces the mappings: subscribes to new filters and unsubscribes from filters no longer used. */
    public synchronized void updateMappings(List<TopicMapping> mappings) {
        Set<String> before = router.subscriptions();
        router = new TopicRouter(mappings);
        if (client == null) {
            return;
        }
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(router.subscriptions());
        for (String filter : removed) {
            subscribed.remove(filter);
            client.unsubscribeWith().topicFilter(filter).send().whenComplete((ack, error) -> {
                if (error != null) {
                    LOG.warn("MQTT unsubscribe from {} failed: {}", filter, error.toString());
                }
            });
        }
        if (connected) {
            executor.execute(this::subscribeAll);
        }
    }

    public boolean connected() {
        return connected;
    }

    /** The filters the broker has confirmed since the last connect. */
    public Set<String> subscriptions() {
        return Set.copyOf(subscribed);
    }

    public List<TopicMapping> mappings() {
        return router.mappings();
    }

    /** Subscribes to every filter; idempotent at the broker, and retained messages are sent once per subscription. */
    private void subscribeAll() {
        Mqtt5AsyncClient current = client;
        if (current == null || closed) {
            return;
        }
        for (String filter : router.subscriptions()) {
            current.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE)
                    .retainHandling(Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST)
                    .send().whenComplete((ack, error) -> {
                        if (error != null) {
                            LOG.warn("MQTT subscribe to {} failed (retried at the next connect): {}", filter, error.toString());
                        } else if (ack.getReasonCodes().stream().allMatch(code -> !code.isError())) {
                            subscribed.add(filter);
                        } else {
                            LOG.warn("MQTT broker refused the subscription to {}: {}", filter, ack.getReasonCodes());
                        }
                    });
        }
    }

    private void onMessage(Mqtt5Publish publish) {
        String topic = publish.getTopic().toString();
        Optional<TopicMapping> route = router.route(topic);
        if (route.isEmpty()) {
            unmapped.increment();
            publish.acknowledge();
            return;
        }
        TopicMapping mapping = route.get();
        Instant now = clock.instant();
        SourceRef source = new SourceRef(INPUT, sourceName(topic), mapping.codec());
        byte[] payload = publish.getPayloadAsBytes();
        StageMetrics.Meters receive = metrics.of(Phase.RECEIVE, INPUT, mapping.tenant());
        receive.in().increment();
        if (payload.length > config.maxPayloadBytes()) {
            receive.failed().increment();
            keep(mapping, source, now, payload, "payload of " + payload.length + " bytes is over vigil.ingest.mqtt.max-payload-bytes ("
                    + config.maxPayloadBytes() + ")");
            messages("oversize").increment();
            publish.acknowledge();
            return;
        }
        append(publish, new RawEvent(mapping.tenant(), source, now, payload), receive);
    }

    private void append(Mqtt5Publish publish, RawEvent raw, StageMetrics.Meters receive) {
        if (closed) {
            return; // unacknowledged: the broker sends it again in the next session
        }
        if (admission != null && admission.admit(raw.tenant(), INPUT, 1) instanceof Admission.Refused refused) {
            retry(publish, raw, receive, refused.retryAfter());
            return;
        }
        try {
            journal.append(List.of(raw)).whenComplete((position, error) -> {
                if (error == null) {
                    receive.out().increment();
                    messages("journaled").increment();
                    publish.acknowledge();
                } else {
                    retry(publish, raw, receive, retryAfter(error));
                }
            });
        } catch (IllegalArgumentException tooLarge) {
            receive.failed().increment();
            keep(router.route(publish.getTopic().toString()).orElse(null), raw.source(), raw.receivedAt(), raw.bytes(),
                    "the journal refused the record: " + tooLarge.getMessage());
            publish.acknowledge();
        } catch (RuntimeException e) {
            retry(publish, raw, receive, retryAfter(e));
        }
    }

    private void retry(Mqtt5Publish publish, RawEvent raw, StageMetrics.Meters receive, Duration wait) {
        messages("deferred").increment();
        ScheduledExecutorService current = executor;
        if (closed || current == null) {
            return;
        }
        try {
            current.schedule(() -> append(publish, raw, receive), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // closing: unacknowledged, so the broker redelivers
        }
    }

    private static Duration retryAfter(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TemporaryException temporary && temporary.retryAfter() != null) {
            return temporary.retryAfter();
        }
        LOG.warn("Journal append of an MQTT message failed; retrying in 1 s: {}", cause.toString());
        return Duration.ofSeconds(1);
    }

    private void keep(TopicMapping mapping, SourceRef source, Instant now, byte[] payload, String reason) {
        if (mapping == null) {
            LOG.warn("MQTT message on {} dropped: {}", source.name(), reason);
            return;
        }
        byte[] kept = payload.length > MAX_KEPT_BYTES ? Arrays.copyOf(payload, MAX_KEPT_BYTES) : payload;
        String note = payload.length > MAX_KEPT_BYTES ? " [first " + MAX_KEPT_BYTES + " bytes kept]" : "";
        try {
            failures.record(List.of(new Failure(new EventId(UUID.randomUUID()), mapping.tenant(), source, Phase.RECEIVE,
                    INPUT, reason + note, now, now, kept)));
        } catch (RuntimeException e) {
            LOG.warn("Could not keep an oversize MQTT message of tenant {} in the failure store: {}", mapping.tenant(), e.toString());
        }
    }

    /** The topic as source name; a topic longer than a source name may be is cut and made unique by a hash. */
    static String sourceName(String topic) {
        if (topic.length() <= SourceRef.MAX_LENGTH) {
            return topic;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(topic.getBytes(StandardCharsets.UTF_8));
            return topic.substring(0, SourceRef.MAX_LENGTH - 17) + "~" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Counter messages(String outcome) {
        return Counter.builder("vigil.ingest.mqtt.messages").description("MQTT messages by outcome")
                .tag("outcome", outcome).register(meters);
    }

    private TrustManagerFactory trustManagers() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (config.trustStore() == null) {
                factory.init((KeyStore) null);
                return factory;
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(config.trustStore())) {
                store.load(in, config.trustStorePassword() == null ? null : config.trustStorePassword().toCharArray());
            }
            factory.init(store);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("vigil.ingest.mqtt.trust-store " + config.trustStore() + " cannot be read: " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            try {
                client.disconnect().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("MQTT disconnect: {}", e.toString());
            }
            client = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
