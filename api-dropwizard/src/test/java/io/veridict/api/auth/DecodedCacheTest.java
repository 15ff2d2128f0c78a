package io.veridict.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DecodedCacheTest {

    private final AtomicInteger decodes = new AtomicInteger();
    private final Function<byte[], String> decode = bytes -> {
        decodes.incrementAndGet();
        return new String(bytes, StandardCharsets.UTF_8);
    };

    @Test
    void shouldDecodeTheSameBytesOnce() {
        DecodedCache<String> cache = new DecodedCache<>(10);

        String first = cache.get("key/a", bytes("active"), decode);
        String second = cache.get("key/a", bytes("active"), decode);

        assertThat(first).isEqualTo("active");
        assertThat(second).isSameAs(first);
        assertThat(decodes).hasValue(1);
    }

    @Test
    void shouldNeverAnswerTheOldDecodedValueForChangedBytes() {
        DecodedCache<String> cache = new DecodedCache<>(10);
        cache.get("key/a", bytes("active"), decode);

        assertThat(cache.get("key/a", bytes("revoked"), decode)).isEqualTo("revoked");
        assertThat(cache.get("key/a", bytes("revoked"), decode)).isEqualTo("revoked");
        assertThat(cache.get("key/a", bytes("active"), decode)).isEqualTo("active");
        assertThat(decodes).hasValue(3);
    }

    @Test
    void shouldTellApartBytesThatDifferInOneBitOrInLength() {
        DecodedCache<String> cache = new DecodedCache<>(10);
        byte[] stored = bytes("status=A");
        cache.get("key/a", stored, decode);
        byte[] flipped = stored.clone();
        flipped[flipped.length - 1] ^= 1;

        assertThat(cache.get("key/a", flipped, decode)).isEqualTo("status=@");
        assertThat(cache.get("key/a", bytes("status=A "), decode)).isEqualTo("status=A ");
        assertThat(cache.get("key/a", bytes("status="), decode)).isEqualTo("status=");
    }

    @Test
    void shouldKeepItsOwnCopyOfTheBytes() {
        DecodedCache<String> cache = new DecodedCache<>(10);
        byte[] stored = bytes("active");
        cache.get("key/a", stored, decode);
        stored[0] = 'X';

        assertThat(cache.get("key/a", bytes("active"), decode)).isEqualTo("active");
        assertThat(cache.get("key/a", stored, decode)).isEqualTo("Xctive");
        assertThat(decodes).hasValue(2);
    }

    @Test
    void shouldKeepKeysApart() {
        DecodedCache<String> cache = new DecodedCache<>(10);

        assertThat(cache.get("key/a", bytes("same"), b -> "a")).isEqualTo("a");
        assertThat(cache.get("key/b", bytes("same"), b -> "b")).isEqualTo("b");
        assertThat(cache.get("key/a", bytes("same"), b -> "other")).isEqualTo("a");
    }

    @Test
    void shouldCacheANullDecodedValueToo() {
        DecodedCache<String> cache = new DecodedCache<>(10);
        Function<byte[], String> none = bytes -> {
            decodes.incrementAndGet();
            return null;
        };

        assertThat(cache.get("key/a", bytes("tenant"), none)).isNull();
        assertThat(cache.get("key/a", bytes("tenant"), none)).isNull();
        assertThat(decodes).hasValue(1);
    }

    @Test
    void shouldHoldAtMostItsCapacity() {
        DecodedCache<String> cache = new DecodedCache<>(3);
        for (int i = 0; i < 50; i++) {
            assertThat(cache.get("key/" + i, bytes("v" + i), decode)).isEqualTo("v" + i);
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        // An evicted key is decoded again, correctly.
        assertThat(cache.get("key/0", bytes("v0"), decode)).isEqualTo("v0");
        assertThat(cache.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void shouldAnswerTheDecodedFormOfTheGivenBytesFromManyThreadsAtOnce() throws Exception {
        DecodedCache<String> cache = new DecodedCache<>(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 20_000; i++) {
                        // 12 keys over a capacity of 8, each flipping between three versions.
                        String key = "key/" + random.nextInt(12);
                        String version = key + "@" + random.nextInt(3);
                        if (!version.equals(cache.get(key, bytes(version), decode))) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isZero();
            }
            assertThat(cache.size()).isLessThanOrEqualTo(8);
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
