package io.veridict.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Open-loop load at a fixed rate: request {@code i} is due at {@code start + i / rate}, whether
 * or not earlier requests have answered. Its latency runs from that <em>scheduled</em> time to
 * its answer, so a stall of the service (or of this client) shows in the percentiles instead of
 * silently lowering the rate (no coordinated omission).
 *
 * <p>The client is a small non-blocking HTTP/1.1 client on one thread (the caller's): one
 * selector, a pool of keep-alive connections (one request at a time on each, a new connection
 * when none is idle), requests written from prepared bytes, responses read by
 * {@link HttpResponseReader}. It costs a few tens of microseconds of CPU per request, where the
 * JDK {@code HttpClient}'s {@code sendAsync} cost hundreds, which on two cores shared with the
 * service made the client part of what it measured.
 *
 * <p>At most {@value #MAX_OUTSTANDING} requests are in flight (one connection each); when the
 * cap is reached sending waits, and the requests then sent late still count from their
 * schedule. A request sent more than {@link #LATE} after its scheduled time counts as
 * <em>late</em>: the client could not keep the schedule (a busy machine, or the cap). A request
 * without an answer after {@link LedgerHttp#REQUEST_TIMEOUT} fails and its connection is closed.
 */
final class OpenLoop {

    /** Most requests in flight at once. */
    static final int MAX_OUTSTANDING = 1000;
    /** A request sent this long after its scheduled time is late. */
    static final Duration LATE = Duration.ofMillis(10);
    /** How long the last scheduled request may take: the request timeout and a margin. */
    static final Duration ANSWER_TIMEOUT = LedgerHttp.REQUEST_TIMEOUT.plusSeconds(5);

    /**
     * @param achievedPerSecond successful requests per second, from the first scheduled time to
     *                          the last answer
     * @param latency           scheduled time to answer, of successful requests
     * @param scheduled         requests in the schedule
     * @param late              requests sent more than {@link #LATE} after their scheduled time
     * @param failed            requests that failed, got another status than expected, or no answer in time
     */
    record Result(double achievedPerSecond, LatencyRecorder.Snapshot latency, int scheduled, long late, long failed) {

        /** @return a one-line account for the progress log */
        String describe() {
            return Table.number(achievedPerSecond) + " requests/s, p99 " + Table.number(latency.percentileMillis(99))
                    + " ms, late " + late + ", failed " + failed;
        }
    }

    private static final long CHECK_TIMEOUTS_NANOS = 100_000_000L;

    private final LoadRequest request;
    private final InetSocketAddress address;
    private final String host;

    /** @param request what to send; its tenants are cycled and, with a key prefix, every request has its own key */
    OpenLoop(LoadRequest request) {
        this.request = request;
        int port = request.uri().getPort() < 0 ? 80 : request.uri().getPort();
        this.address = new InetSocketAddress(request.uri().getHost(), port);
        this.host = request.uri().getHost() + ":" + port;
    }

    /** Runs {@code rate * duration} requests on schedule; waits at most {@code timeout} in all. */
    Result run(int rate, Duration duration, Duration timeout) throws IOException {
        int total = (int) (rate * duration.toMillis() / 1000);
        long interval = 1_000_000_000L / rate;
        Run run = new Run(total);
        long start = System.nanoTime() + 20_000_000L;
        long deadline = start + timeout.toNanos();
        try (Selector selector = Selector.open()) {
            int next = 0;
            long nextCheck = start;
            while ((next < total || !run.busy.isEmpty()) && System.nanoTime() < deadline) {
                long now = System.nanoTime();
                while (next < total && start + next * interval <= now && run.busy.size() < MAX_OUTSTANDING) {
                    long scheduled = start + next * interval;
                    if (now - scheduled > LATE.toNanos()) {
                        run.late++;
                    }
                    send(selector, run, next++, scheduled, now);
                }
                if (now >= nextCheck) {
                    expire(run, now);
                    nextCheck = now + CHECK_TIMEOUTS_NANOS;
                }
                long wait = next < total && run.busy.size() < MAX_OUTSTANDING
                        ? start + next * interval - System.nanoTime() : CHECK_TIMEOUTS_NANOS;
                if (wait <= 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, Math.min(wait, CHECK_TIMEOUTS_NANOS) / 1_000_000));
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key, run);
                }
                selector.selectedKeys().clear();
            }
            for (Connection c : new ArrayList<>(run.busy)) {
                fail(run, c); // no answer within the timeout
            }
            run.failed += total - next; // never sent
            for (Connection c : run.idle) {
                c.close();
            }
        }
        LatencyRecorder.Snapshot latency = run.latencies.snapshot();
        long span = Math.max(1, run.lastAnswer - start);
        return new Result(latency.count() * 1e9 / span, latency, total, run.late, run.failed);
    }

    /** One run's connections and counts; touched by the loop's thread only. */
    private static final class Run {
        final LatencyRecorder latencies;
        final ArrayDeque<Connection> idle = new ArrayDeque<>();
        final Set<Connection> busy = new LinkedHashSet<>();
        final byte[] buffer = new byte[16 * 1024];
        long late;
        long failed;
        long lastAnswer;

        Run(int total) {
            latencies = new LatencyRecorder(total);
        }
    }

    /** A connection and the request on it. */
    private static final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        final HttpResponseReader response = new HttpResponseReader();
        ByteBuffer out;
        long scheduled;
        long sent;
        boolean connected;

        Connection(SocketChannel channel, SelectionKey key, boolean connected) {
            this.channel = channel;
            this.key = key;
            this.connected = connected;
        }

        void close() {
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void send(Selector selector, Run run, int i, long scheduled, long now) {
        Connection c = run.idle.poll();
        try {
            if (c == null) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                boolean connected = channel.connect(address);
                c = new Connection(channel, channel.register(selector, 0), connected);
                c.key.attach(c);
            }
            c.response.reset();
            c.out = ByteBuffer.wrap(bytes(i));
            c.scheduled = scheduled;
            c.sent = now;
            run.busy.add(c);
            if (c.connected) {
                write(c);
            } else {
                c.key.interestOps(SelectionKey.OP_CONNECT);
            }
        } catch (IOException e) {
            if (c != null) {
                fail(run, c);
            } else {
                run.failed++;
            }
        }
    }

    private void handle(SelectionKey key, Run run) {
        Connection c = (Connection) key.attachment();
        if (!key.isValid() || !run.busy.contains(c)) {
            if (!run.busy.contains(c) && key.isValid() && key.isReadable()) {
                run.idle.remove(c); // an idle connection the server closed (or spoke on): drop it
                c.close();
            }
            return;
        }
        try {
            if (key.isConnectable()) {
                c.channel.finishConnect();
                c.connected = true;
                write(c);
                return;
            }
            if (key.isWritable()) {
                write(c);
                return;
            }
            if (key.isReadable()) {
                read(c, run);
            }
        } catch (IOException e) {
            fail(run, c);
        }
    }

    private static void write(Connection c) throws IOException {
        c.channel.write(c.out);
        c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read(Connection c, Run run) throws IOException {
        while (true) {
            int n = c.channel.read(ByteBuffer.wrap(run.buffer));
            HttpResponseReader.State state;
            if (n < 0) {
                state = c.response.endOfStream();
            } else if (n == 0) {
                return;
            } else {
                state = c.response.read(run.buffer, 0, n);
            }
            if (state == HttpResponseReader.State.MALFORMED) {
                fail(run, c);
                return;
            }
            if (state == HttpResponseReader.State.COMPLETE) {
                long now = System.nanoTime();
                run.lastAnswer = Math.max(run.lastAnswer, now);
                run.busy.remove(c);
                if (request.expected().contains(c.response.status())) {
                    run.latencies.record(now - c.scheduled);
                } else {
                    run.failed++;
                }
                if (c.response.keepAlive() && n >= 0) {
                    c.key.interestOps(SelectionKey.OP_READ); // to notice the server closing it while idle
                    run.idle.push(c);
                } else {
                    c.close();
                }
                return;
            }
            if (n < 0) {
                return;
            }
        }
    }

    private static void fail(Run run, Connection c) {
        run.busy.remove(c);
        run.failed++;
        c.close();
    }

    /** Fails the requests waiting longer than the request timeout. */
    private static void expire(Run run, long now) {
        List<Connection> expired = new ArrayList<>();
        for (Connection c : run.busy) {
            if (now - c.sent > LedgerHttp.REQUEST_TIMEOUT.toNanos()) {
                expired.add(c);
            }
        }
        expired.forEach(c -> fail(run, c));
    }

    /** The bytes of request {@code i}: its tenant round robin, its own idempotency key. */
    byte[] bytes(int i) {
        StringBuilder head = new StringBuilder(256).append(request.method()).append(' ')
                .append(request.uri().getRawPath()).append(request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery())
                .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        LoadRequest.TenantAuth tenant = request.tenant(i);
        if (tenant != null) {
            head.append("X-Veridict-Tenant-Id: ").append(tenant.id()).append("\r\nAuthorization: Bearer ")
                    .append(tenant.key()).append("\r\n");
        }
        if (request.keyPrefix() != null) {
            head.append("Idempotency-Key: ").append(request.idempotencyKey(0, i)).append("\r\n");
        }
        byte[] body = request.body();
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        if (body == null) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }
}
