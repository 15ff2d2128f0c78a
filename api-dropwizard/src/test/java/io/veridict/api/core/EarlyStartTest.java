package io.veridict.api.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.lifecycle.Managed;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EarlyStartTest {

    private final List<String> events = new CopyOnWriteArrayList<>();

    private Managed step(String name) {
        return new Managed() {
            @Override
            public void start() {
                events.add("start " + name);
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    private Managed failing(String name) {
        return new Managed() {
            @Override
            public void start() {
                events.add("start " + name);
                throw new IllegalStateException(name + " failed");
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    @Test
    void shouldStartInOrderOnItsOwnThreadAndStopInReverse() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        Managed blocking = new Managed() {
            @Override
            public void start() throws InterruptedException {
                threads.add(Thread.currentThread());
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                events.add("start b");
            }

            @Override
            public void stop() {
                events.add("stop b");
            }
        };
        EarlyStart early = new EarlyStart(List.of(step("a"), blocking, step("c")));

        early.begin();
        early.begin();
        release.countDown();
        early.start();
        early.stop();

        assertThat(threads).hasSize(1).doesNotContain(Thread.currentThread());
        assertThat(events).containsExactly("start a", "start b", "start c", "stop c", "stop b", "stop a");
    }

    @Test
    void shouldFailTheLifecycleAsTheFirstFailureAndStopOnlyWhatStarted() throws Exception {
        EarlyStart early = new EarlyStart(List.of(step("a"), failing("b"), step("c")));
        early.begin();

        assertThatThrownBy(early::start).isInstanceOf(IllegalStateException.class).hasMessage("b failed");
        early.stop();

        assertThat(events).containsExactly("start a", "start b", "stop a");
    }

    @Test
    void shouldStartWhenTheLifecycleAsksFirst() throws Exception {
        EarlyStart early = new EarlyStart(List.of(step("a")));

        early.start();
        early.stop();
        early.stop();

        assertThat(events).containsExactly("start a", "stop a");
    }

    @Test
    void shouldStopNothingWhenNeverStarted() throws Exception {
        new EarlyStart(List.of(step("a"))).stop();

        assertThat(events).isEmpty();
    }
}
