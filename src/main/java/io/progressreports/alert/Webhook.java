package io.progressreports.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Where a run's alerts are POSTed. The URL usually carries a token (Slack, Teams and most chat hooks put it in
 * the path), so nothing this class returns or throws names it, its host included.
 *
 * @param url      the endpoint
 * @param timeout  for connecting and for the whole answer, per attempt: a hook that hangs must not hold the run
 * @param attempts how many times to try; a timeout, a lost connection, 429 and any 5xx are tried again
 * @param pause    before the second attempt, doubled before each later one
 */
public record Webhook(URI url, Duration timeout, int attempts, Duration pause) {

    public Webhook {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
        }
    }

    public static Webhook of(URI url) {
        return new Webhook(url, Duration.ofSeconds(10), 3, Duration.ofSeconds(1));
    }

    /** What became of a POST. {@code reason} never names the URL. */
    public sealed interface Delivery {
        int attempts();

        record Delivered(int status, int attempts) implements Delivery {
        }

        record Failed(String reason, int attempts) implements Delivery {
        }
    }

    public Webhook withTimeout(Duration timeout) {
        return new Webhook(url, timeout, attempts, pause);
    }

    public Delivery post(String json) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        String reason = "";
        Duration wait = pause;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                if (!sleep(wait)) {
                    return new Delivery.Failed(reason + "; interrupted before trying again", attempt - 1);
                }
                wait = wait.multipliedBy(2);
            }
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return new Delivery.Delivered(status, attempt);
                }
                reason = "answered HTTP " + status;
                if (status != 429 && status / 100 != 5) {
                    return new Delivery.Failed(reason, attempt);
                }
            } catch (HttpTimeoutException e) {
                reason = "no answer within " + seconds(timeout) + " s";
            } catch (IOException e) {
                // The JDK's messages can quote the address; the exception's kind says enough.
                reason = "could not be reached (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Delivery.Failed("interrupted", attempt);
            }
        }
        return new Delivery.Failed(reason + " after " + attempts + " attempts", attempts);
    }

    private static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The record's own toString would print the URL. */
    @Override
    public String toString() {
        return "Webhook[url=(secret), timeout=" + timeout + ", attempts=" + attempts + "]";
    }
}
