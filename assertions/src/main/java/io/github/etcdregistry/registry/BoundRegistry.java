package io.github.etcdregistry.registry;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of the test that is running, so {@code assertThatRegistry()} needs no argument.
 *
 * <p>A test framework integration binds the registry around each test. The binding is per thread (tests
 * of parallel classes see their own registry); a thread the test started itself falls back to the only
 * registry bound in the JVM, when there is exactly one.
 */
public final class BoundRegistry {

  private static final ThreadLocal<EtcdRegistry> CURRENT = new InheritableThreadLocal<>();
  private static final Set<EtcdRegistry> BOUND = ConcurrentHashMap.newKeySet();

  private BoundRegistry() {}

  /** Binds {@code registry} to the calling thread until the returned binding is closed. */
  public static Binding bind(EtcdRegistry registry) {
    EtcdRegistry previous = CURRENT.get();
    CURRENT.set(registry);
    BOUND.add(registry);
    return () -> {
      BOUND.remove(registry);
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
    Object[] all = BOUND.toArray();
    return all.length == 1 ? Optional.of((EtcdRegistry) all[0]) : Optional.empty();
  }

  /** Ends a binding; closing twice is harmless. */
  @FunctionalInterface
  public interface Binding extends AutoCloseable {
    @Override
    void close();
  }
}
