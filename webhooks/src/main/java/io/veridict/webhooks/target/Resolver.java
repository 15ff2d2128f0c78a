package io.veridict.webhooks.target;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into the addresses it designates. {@link TargetCheck} asks it once per
 * check, classifies every address it answers, and the delivery connects only to those; nothing
 * else resolves a webhook host.
 *
 * <p>It is only ever given names: IP literals, in any spelling, are parsed and classified without
 * it.
 */
@FunctionalInterface
public interface Resolver {

    /**
     * The addresses of a host name.
     *
     * @param host a lower-case ASCII host name (IDNA-converted), never an IP literal
     * @return every address the name designates; an empty list means none
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /**
     * The platform resolver, {@link InetAddress#getAllByName(String)}, with the JVM's address
     * cache.
     *
     * @return a resolver backed by the system's name service
     */
    static Resolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
