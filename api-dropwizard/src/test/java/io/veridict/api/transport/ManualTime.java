package io.veridict.api.transport;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock for buckets that moves only when a test says so. */
final class ManualTime implements TimeMeter {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
