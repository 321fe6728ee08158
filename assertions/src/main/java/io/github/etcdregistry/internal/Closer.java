package io.github.etcdregistry.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * What was started or opened, closed in reverse order: every close runs, and the first failure is thrown with the
 * others suppressed. After a failed start, {@link #closeAfter} closes the same way and keeps the start's failure first.
 */
public final class Closer implements AutoCloseable {

  private final BiFunction<AutoCloseable, Exception, RuntimeException> failure;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  /** Throws the first failure as it is, an unchecked one; a checked one inside an {@link IllegalStateException}. */
  public Closer() {
    this((closeable, e) -> e instanceof RuntimeException unchecked ? unchecked
        : new IllegalStateException("Could not close " + closeable + ": " + e.getMessage(), e));
  }

  /**
   * {@code failure}: the exception to throw for the first close that failed, from what failed and how, e.g.
   * {@code (closeable, e) -> new ControlPlaneException("Could not stop the control plane cleanly: " + e.getMessage(), e)}.
   */
  public Closer(BiFunction<AutoCloseable, Exception, RuntimeException> failure) {
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /** Closed before whatever was registered earlier. */
  public synchronized <T extends AutoCloseable> T register(T closeable) {
    opened.push(Objects.requireNonNull(closeable, "closeable"));
    return closeable;
  }

  /** Closes everything registered; the closer can be used again. */
  @Override
  public void close() {
    RuntimeException first = closeAll(null);
    if (first != null) {
      throw first;
    }
  }

  /** Closes everything registered after {@code cause} made a start fail; their failures are added to it. */
  public void closeAfter(RuntimeException cause) {
    closeAll(Objects.requireNonNull(cause, "cause"));
  }

  private synchronized RuntimeException closeAll(RuntimeException cause) {
    RuntimeException first = cause;
    while (!opened.isEmpty()) {
      AutoCloseable closeable = opened.pop();
      try {
        closeable.close();
      } catch (Exception e) {
        if (first == null) {
          first = failure.apply(closeable, e);
        } else if (first != e) {
          first.addSuppressed(e);
        }
      }
    }
    return first;
  }
}
