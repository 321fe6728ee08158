package io.github.etcdregistry.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The registry of the test that is running, so {@code assertThatRegistry()} needs no argument.
 *
 * <p>A test framework integration binds the registry around each test. The binding is per thread (tests
 * of parallel classes see their own registry); a thread the test started itself falls back to the only
 * registry bound in the JVM, when there is exactly one. Tests running in parallel on one shared control plane
 * each bind the same registry: it stays bound until the last of them ends, so one that finishes early does not
 * take it from the others.
 */
public final class BoundRegistry {

  private static final ThreadLocal<EtcdRegistry> CURRENT = new InheritableThreadLocal<>();
  private static final Map<EtcdRegistry, Integer> BOUND = new ConcurrentHashMap<>(); // registry -> open bindings

  private BoundRegistry() {}

  /** Binds {@code registry} to the calling thread until the returned binding is closed. */
  public static Binding bind(EtcdRegistry registry) {
    EtcdRegistry previous = CURRENT.get();
    CURRENT.set(registry);
    BOUND.merge(registry, 1, Integer::sum);
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (!open.compareAndSet(true, false)) {
        return;
      }
      BOUND.computeIfPresent(registry, (bound, count) -> count == 1 ? null : count - 1);
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  public static Optional<EtcdRegistry> current() {
    EtcdRegistry mine = CURRENT.get();
    if (mine != null) {
      return Optional.of(mine);
    }
    Object[] all = BOUND.keySet().toArray();
    return all.length == 1 ? Optional.of((EtcdRegistry) all[0]) : Optional.empty();
  }

  /** Ends a binding; closing twice is harmless. */
  @FunctionalInterface
  public interface Binding extends AutoCloseable {
    @Override
    void close();
  }
}
