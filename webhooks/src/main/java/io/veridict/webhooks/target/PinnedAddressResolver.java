package io.veridict.webhooks.target;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The only resolver the delivery client's Jetty {@code HttpClient} has. It does not resolve: it
 * answers with the addresses of the {@link CheckedTarget} that the request's destination is
 * tagged with, and fails for a destination without one. So every connection goes to an address
 * that {@link TargetCheck} classified, however the host's DNS answers change afterwards.
 */
final class PinnedAddressResolver implements SocketAddressResolver {

    /** The tag of a delivery's request; compared by identity, so each exchange has its own destination. */
    static final class Pin {
        private final CheckedTarget target;

        Pin(CheckedTarget target) {
            this.target = target;
        }

        CheckedTarget target() {
            return target;
        }

        @Override
        public String toString() {
            return "pinned " + target;
        }
    }

    private final ConnectObserver observer;

    PinnedAddressResolver(ConnectObserver observer) {
        this.observer = observer;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        Object destination = context == null ? null : context.get(Destination.CONTEXT_KEY);
        Object tag = destination instanceof Destination ? ((Destination) destination).getOrigin().getTag() : null;
        if (!(tag instanceof Pin)) {
            promise.failed(new UnknownHostException("no checked addresses for " + host));
            return;
        }
        CheckedTarget target = ((Pin) tag).target();
        if (port != target.port() || !sameHost(host, target)) {
            promise.failed(new UnknownHostException("the checked target " + target + " is not " + host + ":" + port));
            return;
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        target.addresses().forEach(a -> addresses.add(new InetSocketAddress(a, port)));
        try {
            observer.connecting(target, List.copyOf(addresses));
        } catch (RuntimeException e) {
            promise.failed(e);
            return;
        }
        promise.succeeded(addresses);
    }

    private static boolean sameHost(String host, CheckedTarget target) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals(target.host());
    }
}
