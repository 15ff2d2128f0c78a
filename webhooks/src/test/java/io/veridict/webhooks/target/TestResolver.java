package io.veridict.webhooks.target;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A resolver for tests: it answers only for the names it was given, from IP literals, and never
 * asks the system's name service. A name can be given a sequence of answers, one per call, the
 * last repeating, to play a DNS server that changes its answer (rebinding). Every call is recorded.
 */
final class TestResolver implements Resolver {

    private final Map<String, Deque<List<InetAddress>>> answers = new HashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    /** Answers {@code name} with the given literal addresses, on every call. */
    TestResolver answer(String name, String... literals) {
        answers.computeIfAbsent(name, k -> new ArrayDeque<>()).clear();
        return then(name, literals);
    }

    /** Adds the answer for the next call of {@code name}; the last answer given repeats. */
    TestResolver then(String name, String... literals) {
        List<InetAddress> list = new ArrayList<>();
        for (String literal : literals) {
            list.add(ip(literal));
        }
        answers.computeIfAbsent(name, k -> new ArrayDeque<>()).addLast(List.copyOf(list));
        return this;
    }

    @Override
    public synchronized List<InetAddress> resolve(String host) throws UnknownHostException {
        calls.add(host);
        Deque<List<InetAddress>> queue = answers.get(host);
        if (queue == null || queue.isEmpty()) {
            throw new UnknownHostException(host);
        }
        return queue.size() > 1 ? queue.removeFirst() : queue.peekFirst();
    }

    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    long calls(String name) {
        return calls().stream().filter(name::equals).count();
    }

    /** An address from an IP literal; anything else is refused, so nothing here can reach DNS. */
    static InetAddress ip(String literal) {
        if (literal.isEmpty() || !literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            throw new IllegalArgumentException("not an IP literal: " + literal);
        }
        try {
            return literal.indexOf(':') >= 0 ? InetAddress.getByName("[" + literal + "]") : InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }

    /** A resolver that fails the test if it is asked anything. */
    static Resolver never() {
        return host -> {
            throw new AssertionError("the resolver was asked for " + host);
        };
    }
}
