package io.veridict.webhooks.target;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Told which socket addresses a delivery is about to connect to, just before the connection is
 * opened. Package-private: tests use it to record connection attempts and to stop any attempt
 * that would leave the loopback interface; an exception it throws fails the connection.
 */
@FunctionalInterface
interface ConnectObserver {

    ConnectObserver NONE = (target, addresses) -> { };

    void connecting(CheckedTarget target, List<InetSocketAddress> addresses);
}
