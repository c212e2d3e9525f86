package io.progressreports.alert;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTest {

    private static final String SECRET_PATH = "/hooks/T000/B000/s3cr3t-token";

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void postsTheBodyAsJson() throws IOException {
        URI url = serve(200, 0);

        var delivery = quick(url).post("{\"alerts\":1}");

        assertThat(delivery).isEqualTo(new Webhook.Delivery.Delivered(200, 1));
        assertThat(bodies).containsExactly("application/json {\"alerts\":1}");
    }

    @Test
    void triesAgainAfterA500AndGivesUpWithoutNamingTheUrl() throws IOException {
        URI url = serve(500, 0);

        var delivery = quick(url).post("{}");

        assertThat(delivery).isInstanceOf(Webhook.Delivery.Failed.class);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(calls).hasValue(3);
        assertThat(((Webhook.Delivery.Failed) delivery).reason()).isEqualTo("answered HTTP 500 after 3 attempts")
                .doesNotContain("s3cr3t").doesNotContain("127.0.0.1");
    }

    @Test
    void aRefusalIsNotTriedAgain() throws IOException {
        URI url = serve(404, 0);

        var delivery = quick(url).post("{}");

        assertThat(delivery).isEqualTo(new Webhook.Delivery.Failed("answered HTTP 404", 1));
        assertThat(calls).hasValue(1);
    }

    @Test
    void aHookThatHangsCostsOneTimeoutPerAttempt() throws IOException {
        URI url = serve(200, -1);

        var delivery = new Webhook(url, Duration.ofMillis(300), 2, Duration.ofMillis(10)).post("{}");

        assertThat(delivery).isEqualTo(new Webhook.Delivery.Failed("no answer within 0.3 s after 2 attempts", 2));
        assertThat(calls).hasValue(2);
    }

    @Test
    void aClosedPortIsAFailureWithoutTheAddress() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + SECRET_PATH);

        var delivery = quick(url).post("{}");

        assertThat(delivery).isInstanceOf(Webhook.Delivery.Failed.class);
        assertThat(((Webhook.Delivery.Failed) delivery).reason()).startsWith("could not be reached (")
                .doesNotContain("s3cr3t").doesNotContain(String.valueOf(port));
    }

    @Test
    void itsTextNeverShowsTheUrl() {
        assertThat(Webhook.of(URI.create("https://hooks.example.com" + SECRET_PATH)).toString())
                .doesNotContain("s3cr3t").doesNotContain("example");
    }

    private static Webhook quick(URI url) {
        return new Webhook(url, Duration.ofSeconds(30), 3, Duration.ofMillis(10));
    }

    /** A local hook answering {@code status}; with {@code hang} -1 it never answers. */
    private URI serve(int status, int hang) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext(SECRET_PATH, exchange -> {
            calls.incrementAndGet();
            bodies.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (hang < 0) {
                try {
                    release.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH);
    }
}
