package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.internal.process.LocalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Ports on 127.0.0.1 nobody listens on, for processes that cannot be told to pick port 0 themselves. Another
 * program can take such a port between our choosing it and the process binding it: {@link #retryWhenTaken} starts
 * again on fresh ports then.
 */
public final class FreePorts {

  public static final int ATTEMPTS = 3;

  /** Per component, ports to hand out before any free one, so that a test can make the race happen; 0 means a free one. */
  private static final Map<String, Deque<Integer>> HANDED_OUT_FIRST = new HashMap<>();

  private FreePorts() {}

  /** A free port for {@code component} (etcd, kube-apiserver, ...). */
  public static int next(String component) {
    synchronized (HANDED_OUT_FIRST) {
      Deque<Integer> queue = HANDED_OUT_FIRST.get(component);
      Integer planned = queue == null ? null : queue.poll();
      if (planned != null && planned != 0) {
        return planned;
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on 127.0.0.1", e);
    }
  }

  /** For tests: {@link #next(String)} returns these first to {@code component}, in order (0 for a free one). */
  public static void handOutFirst(String component, int... ports) {
    synchronized (HANDED_OUT_FIRST) {
      Deque<Integer> queue = HANDED_OUT_FIRST.computeIfAbsent(component, c -> new ArrayDeque<>());
      queue.clear();
      for (int port : ports) {
        queue.add(port);
      }
    }
  }

  /** For tests: forgets every port {@link #handOutFirst} planned. */
  public static void handOutFreePorts() {
    synchronized (HANDED_OUT_FIRST) {
      HANDED_OUT_FIRST.clear();
    }
  }

  /**
   * Starts a process on ports {@code start} chooses (it gets the attempt number) and waits with {@code awaitReady};
   * when the process died saying its address is in use, closes it and starts again on fresh ports, up to
   * {@link #ATTEMPTS} times.
   */
  public static void retryWhenTaken(IntFunction<LocalProcess> start, Consumer<LocalProcess> awaitReady) {
    for (int attempt = 1; ; attempt++) {
      LocalProcess process = start.apply(attempt);
      try {
        awaitReady.accept(process);
        return;
      } catch (ControlPlaneException e) {
        boolean portTaken = !process.isAlive() && process.recentOutput(20).contains("address already in use");
        process.close();
        if (!portTaken || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
