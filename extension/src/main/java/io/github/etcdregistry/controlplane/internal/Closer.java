package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.controlplane.ControlPlaneException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What was started or opened, closed in reverse order: every close runs, and the first failure is thrown with the
 * others suppressed. After a failed start, {@link #closeAfter} closes the same way and keeps the start's failure first.
 */
public final class Closer implements AutoCloseable {

  private final String what;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  /** {@code what}: the thing being closed, for the message of a failure, e.g. {@code "the control plane"}. */
  public Closer(String what) {
    this.what = what;
  }

  /** Closed before whatever was registered earlier. */
  public synchronized <T extends AutoCloseable> T register(T closeable) {
    opened.push(closeable);
    return closeable;
  }

  /** Closes everything registered; the closer can be used again. */
  @Override
  public void close() {
    RuntimeException failure = closeAll(null);
    if (failure != null) {
      throw failure;
    }
  }

  /** Closes everything registered after {@code cause} made a start fail; their failures are added to it. */
  public void closeAfter(RuntimeException cause) {
    closeAll(cause);
  }

  private synchronized RuntimeException closeAll(RuntimeException cause) {
    RuntimeException failure = cause;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new ControlPlaneException("Could not stop " + what + " cleanly: " + e.getMessage(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    return failure;
  }
}
