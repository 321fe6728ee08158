package compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.controlplane.ControlPlane;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Proof that a per-class control plane stops when its class ends, on the user's JUnit: 5.12 closes only
 * {@code CloseableResource}s in its store, 5.13 and 6 also {@code AutoCloseable}s. Classes run in name order.
 */
final class StoppedControlPlanes {

  private record Seen(ControlPlane controlPlane, URI etcd, Path pki) {}

  private static final List<Seen> SEEN = new ArrayList<>();

  private StoppedControlPlanes() {
  }

  static synchronized void remember(ControlPlane controlPlane) {
    SEEN.add(new Seen(controlPlane, controlPlane.etcdEndpoint(), controlPlane.pki().directory()));
  }

  /** All control planes remembered so far except the last {@code running} ones, which belong to the running class. */
  static synchronized Check assertAllBut(int running) {
    assertThat(SEEN).as("control planes remembered by the classes before").hasSizeGreaterThan(running);
    return new Check(List.copyOf(SEEN.subList(0, SEEN.size() - running)));
  }

  record Check(List<Seen> stopped) {
    void areGone() {
      for (Seen seen : stopped) {
        assertThat(seen.controlPlane().isRunning()).as(seen.controlPlane() + " still running").isFalse();
        assertThat(Files.exists(seen.pki())).as("PKI directory " + seen.pki() + " still there").isFalse();
        assertThat(accepts(seen.etcd())).as("etcd still listening at " + seen.etcd()).isFalse();
      }
    }
  }

  private static boolean accepts(URI endpoint) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
