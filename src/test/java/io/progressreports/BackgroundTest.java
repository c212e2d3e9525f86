package io.progressreports;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackgroundTest {

    @Test
    void givesWhatTheWorkGaveOrThrowsWhatItThrew() {
        assertThat(Background.start("answer", () -> 42).join()).isEqualTo(42);
        var failure = new IllegalStateException("disk full");
        assertThatThrownBy(() -> Background.run("fails", () -> {
            throw failure;
        }).join()).isSameAs(failure);
    }

    @Test
    void waitsForTheWorkAfterDoingItsOwn() {
        var ownWorkDone = new CountDownLatch(1);
        var finished = new AtomicBoolean();
        Background.run("slow", () -> {
            await(ownWorkDone);
            finished.set(true);
        }).joinAfter(() -> {
            assertThat(finished).isFalse();
            ownWorkDone.countDown();
        });
        assertThat(finished).isTrue();
    }

    @Test
    void reportsItsOwnFailureOnlyOnceTheWorkIsOver() throws InterruptedException {
        var started = new CountDownLatch(1);
        var finished = new AtomicBoolean();
        var work = Background.run("chart", () -> {
            started.countDown();
            sleep(200);
            finished.set(true);
            throw new IllegalStateException("the work's failure");
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> work.joinAfter(() -> {
            throw new IllegalArgumentException("the caller's failure");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(finished).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
