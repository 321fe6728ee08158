package io.github.etcdregistry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Keeps figures honest: the benchmark starts only when the machine is quiet. Other work slows every subject down
 * by different amounts, so a run on a busy machine would publish noise as a result. The build that precedes a run
 * raises the load for a while, so this waits for it to fall before it gives up.
 */
final class LoadGate {

  private static final Path LOADAVG = Path.of("/proc/loadavg");

  private LoadGate() {}

  /** Waits until the one-minute load average is at most {@code perCpu} × CPUs; throws when it stays higher for {@code patience}. */
  static void awaitQuietMachine(double perCpu, Duration patience) throws InterruptedException {
    int cpus = Runtime.getRuntime().availableProcessors();
    double limit = perCpu * cpus;
    long deadline = System.nanoTime() + patience.toNanos();
    double load = oneMinuteLoad();
    while (load > limit) {
      if (System.nanoTime() - deadline >= 0) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "The machine is busy: the one-minute load average is %.2f, above %.2f (%.2f per CPU × %d CPUs), after waiting %d s. "
                + "Figures taken now would be noise. Stop the other work (builds, tests, containers) and run again, or "
                + "raise the limit with -Dbenchmarks.max.load.per.cpu=%.2f to measure anyway.",
            load, limit, perCpu, cpus, patience.toSeconds(), Math.ceil(load / cpus * 100) / 100));
      }
      System.err.printf(Locale.ROOT, "benchmark: waiting for the load average (%.2f) to fall to %.2f%n", load, limit);
      Thread.sleep(10_000);
      load = oneMinuteLoad();
    }
  }

  /** The one-minute load average; 0 where the system does not publish it (then there is nothing to wait for). */
  static double oneMinuteLoad() {
    try {
      return Double.parseDouble(Files.readString(LOADAVG).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
