package io.veridict.dev.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Where the registry listens: the host it is given, and only that host's address. */
class RegistryBindingTest {

    @Test
    void shouldRefuseToStartWithoutAHostInsteadOfListeningEverywhere() {
        for (String host : Arrays.asList(null, "", "  ")) {
            assertThatThrownBy(() -> start(host).close()).as("host %s", host)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the schema registry needs a host to listen on, such as localhost;"
                            + " without one it would listen on every interface");
        }
    }

    @Test
    void shouldListenOnLoopbackOnlyWhenGivenLocalhostAsTheDevStackDoes() {
        try (RegistryHttpServer server = start("localhost")) {
            assertThat(server.boundAddress().isLoopbackAddress()).isTrue();
            assertThat(server.url().toString()).isEqualTo("http://localhost:" + server.port());
            assertThat(connects(server.boundAddress(), server.port())).isTrue();
        }
    }

    @Test
    void shouldNotAnswerOnTheMachinesOtherAddresses() throws IOException {
        List<InetAddress> others = NetworkInterface.networkInterfaces().filter(RegistryBindingTest::isUp)
                .flatMap(NetworkInterface::inetAddresses).filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .toList();
        Assumptions.assumeFalse(others.isEmpty(), "this machine has no address besides loopback");

        try (RegistryHttpServer server = start("127.0.0.1")) {
            assertThat(server.boundAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
            for (InetAddress address : others) {
                assertThat(connects(address, server.port())).as("connects on %s", address).isFalse();
            }
        }
    }

    private static RegistryHttpServer start(String host) {
        return RegistryHttpServer.start(host, 0, new RegistryService(new RegistryState(), r -> { }));
    }

    /** Whether a connection to {@code address}:{@code port} is accepted within 2 s. */
    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
