package io.progressreports.alert;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook on the loopback interface for one test, recording what it is sent; stopped (and let go) after it. */
final class LocalHook implements AfterEachCallback {

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    /** Answers {@code status} at {@code path}, or never (until the test ends) when it {@code hangs}. */
    URI serve(String path, int status, boolean hangs) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(path, exchange -> {
            calls.incrementAndGet();
            bodies.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (hangs) {
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
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Each request's content type and body. */
    List<String> bodies() {
        return bodies;
    }

    AtomicInteger calls() {
        return calls;
    }

    /**
     * The requests seen once {@code expected} have come or 30 s have passed: on a loaded machine the server may run
     * the handler of a request late, after its client has given up on it.
     */
    int callsOnceAtLeast(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (calls.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return calls.get();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }
}
