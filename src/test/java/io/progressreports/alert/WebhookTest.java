package io.progressreports.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTest {

    private static final String SECRET_PATH = "/hooks/T000/B000/s3cr3t-token";

    @RegisterExtension
    final LocalHook hook = new LocalHook();

    @Test
    void postsTheBodyAsJson() throws IOException {
        URI url = hook.serve(SECRET_PATH, 200, false);

        var delivery = quick(url).post("{\"alerts\":1}");

        assertThat(delivery).isEqualTo(new Webhook.Delivery.Delivered(200, 1));
        assertThat(hook.bodies()).containsExactly("application/json {\"alerts\":1}");
    }

    @Test
    void triesAgainAfterA500AndGivesUpWithoutNamingTheUrl() throws IOException {
        URI url = hook.serve(SECRET_PATH, 500, false);

        var delivery = quick(url).post("{}");

        assertThat(delivery).isInstanceOf(Webhook.Delivery.Failed.class);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(hook.calls()).hasValue(3);
        assertThat(((Webhook.Delivery.Failed) delivery).reason()).isEqualTo("answered HTTP 500 after 3 attempts")
                .doesNotContain("s3cr3t").doesNotContain("127.0.0.1");
    }

    @Test
    void aRefusalIsNotTriedAgain() throws IOException {
        URI url = hook.serve(SECRET_PATH, 404, false);

        var delivery = quick(url).post("{}");

        assertThat(delivery).isEqualTo(new Webhook.Delivery.Failed("answered HTTP 404", 1));
        assertThat(hook.calls()).hasValue(1);
    }

    @Test
    void aHookThatHangsCostsOneTimeoutPerAttempt() throws Exception {
        URI url = hook.serve(SECRET_PATH, 200, true);

        var delivery = new Webhook(url, Duration.ofMillis(300), 2, Duration.ofMillis(10)).post("{}");

        assertThat(delivery).isEqualTo(new Webhook.Delivery.Failed("no answer within 0.3 s after 2 attempts", 2));
        assertThat(hook.callsOnceAtLeast(2)).isEqualTo(2);
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
}
