package io.github.etcdregistry.controlplane.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Closes what is still open when the JVM exits — processes, containers, networks, temp directories — since
 * without Testcontainers' reaper nothing else would. Normal closing cancels the registration.
 */
public final class CleanupOnExit {

  private static final Set<AutoCloseable> OPEN = Collections.synchronizedSet(new LinkedHashSet<>());

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(CleanupOnExit::closeAll, "etcd-registry cleanup"));
  }

  private CleanupOnExit() {}

  public static Registration register(AutoCloseable resource) {
    OPEN.add(resource);
    return () -> OPEN.remove(resource);
  }

  private static void closeAll() {
    List<AutoCloseable> open;
    synchronized (OPEN) {
      open = new ArrayList<>(OPEN);
    }
    Collections.reverse(open); // last started, first stopped
    for (AutoCloseable resource : open) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("etcd-registry: could not close " + resource + " at exit: " + e);
      }
    }
  }

  @FunctionalInterface
  public interface Registration {
    void cancel();
  }
}
