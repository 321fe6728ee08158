package io.github.etcdregistry.benchmarks.child;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The child side of the protocol with the coordinator: {@code RESULT <series> <value>} and {@code INFO <key>=<value>}
 * lines on stdout (libraries log to stderr), and cleanup that also runs when the coordinator sends SIGTERM.
 */
final class Out {

  private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();

  private Out() {}

  /** First thing in a child: closes what is tracked at exit, and exits when the coordinator is gone. */
  static void install() {
    Runtime.getRuntime().addShutdownHook(new Thread(Out::closeAll, "benchmark cleanup"));
    // if the coordinator dies without stopping this JVM, stop anyway: the hook closes what was started
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(130)));
  }

  static synchronized void result(String series, double value) {
    System.out.println("RESULT " + series + " " + value);
    System.out.flush();
  }

  static synchronized void info(String key, Object value) {
    System.out.println("INFO " + key + "=" + String.valueOf(value).replace('\n', ' '));
    System.out.flush();
  }

  static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  /** Closed at JVM exit unless {@link #closed} first: what a SIGTERM must not leave running. */
  static <T extends AutoCloseable> T track(T resource) {
    synchronized (OPEN) {
      OPEN.push(resource);
    }
    return resource;
  }

  static void closed(AutoCloseable resource) {
    synchronized (OPEN) {
      OPEN.remove(resource);
    }
  }

  /** Closes now and stops tracking; the time it took, in ms. */
  static double close(AutoCloseable resource) throws Exception {
    long start = System.nanoTime();
    try {
      resource.close();
    } finally {
      closed(resource);
    }
    return millisSince(start);
  }

  private static void closeAll() {
    while (true) {
      AutoCloseable next;
      synchronized (OPEN) {
        next = OPEN.poll();
      }
      if (next == null) {
        return;
      }
      try {
        next.close();
      } catch (Exception e) {
        System.err.println("benchmark: could not close " + next + " at exit: " + e);
      }
    }
  }
}
