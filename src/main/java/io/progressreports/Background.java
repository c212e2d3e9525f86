package io.progressreports;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Work begun on a thread of its own by a caller that has other work to do meanwhile: the machines this runs on have
 * two cores or more, and a nightly run is over in a few seconds, most of them on one thread.
 *
 * @param <T> what the work gives
 */
public final class Background<T> {

    private final CompletableFuture<T> result;

    private Background(CompletableFuture<T> result) {
        this.result = result;
    }

    public static <T> Background<T> start(String name, Supplier<T> work) {
        return new Background<>(CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, name);
            // A command that fails before it needs the result must not wait for the work to exit.
            thread.setDaemon(true);
            thread.start();
        }));
    }

    public static Background<Void> run(String name, Runnable work) {
        return start(name, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Does {@code meanwhile} on this thread, then waits for the work. Should {@code meanwhile} fail, the work is
     * still waited for, so that nothing goes on writing behind a failure, and that failure is thrown.
     *
     * @throws RuntimeException what {@code meanwhile} threw, else what the work threw
     */
    public T joinAfter(Runnable meanwhile) {
        try {
            meanwhile.run();
        } catch (RuntimeException | Error e) {
            result.handle((value, failure) -> null).join();
            throw e;
        }
        return join();
    }

    /**
     * Waits for the work to finish.
     *
     * @throws RuntimeException what the work threw
     */
    public T join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
