package io.github.etcdregistry.controlplane.internal.process;

import io.github.etcdregistry.controlplane.internal.FreePorts;
import io.github.etcdregistry.controlplane.internal.Readiness;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * What etcd, kube-apiserver and kube-controller-manager share as local processes: the binary started in the work
 * directory with the component's flags, a start again on fresh ports when another program took one, and the
 * process's logs, exit and stop.
 */
public abstract class ProcessComponent implements AutoCloseable {

  private final String name;
  private final Path binary;
  private final Path workDirectory;
  private LocalProcess process;
  private List<String> command;

  public ProcessComponent(String name, Path binary, Path workDirectory) {
    this.name = name;
    this.binary = binary;
    this.workDirectory = workDirectory;
  }

  /**
   * Starts with the flags {@code flags} gives for the attempt (they choose free ports), and waits until
   * {@code ready}; while the process died because a port was taken meanwhile, starts again on fresh ones.
   */
  public final void startOnFreePorts(IntFunction<List<String>> flags, Supplier<String> what, StartupTimeout timeout, BooleanSupplier ready) {
    FreePorts.retryWhenTaken(attempt -> {
      command = command(flags.apply(attempt));
      process = LocalProcess.start(name, command, workDirectory, environment());
      return process;
    }, started -> Readiness.await(what.get(), timeout, ready, started::isAlive, started::failureReport));
  }

  /** Starts with flags whose ports cannot change, such as those of a cluster member the others know. */
  public final void startOn(List<String> flags, String what, StartupTimeout timeout, BooleanSupplier ready) {
    command = command(flags);
    startAgain(what, timeout, ready);
  }

  /** Starts the last command once more (the same ports and data) unless it still runs, and waits until {@code ready}. */
  public final void startAgain(String what, StartupTimeout timeout, BooleanSupplier ready) {
    if (isRunning()) {
      return;
    }
    process = LocalProcess.start(name, command, workDirectory, environment());
    Readiness.await(what, timeout, ready, process::isAlive, process::failureReport);
  }

  /** Variables the component reads besides the JVM's own; none by default. */
  protected Map<String, String> environment() {
    return Map.of();
  }

  private List<String> command(List<String> flags) {
    List<String> line = new ArrayList<>();
    line.add(binary.toString());
    line.addAll(flags);
    return line;
  }

  public String name() {
    return name;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  public String recentLogs() {
    return process == null ? "" : process.recentOutput(50);
  }

  public Optional<String> exitReport() {
    return process == null ? Optional.empty() : process.exitReport();
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }

  /** As {@link #close()}, with {@code grace} between SIGTERM and SIGKILL. */
  public void close(Duration grace) {
    if (process != null) {
      process.close(grace);
    }
  }

  /** Where it serves, for {@link #toString()}: {@code " at https://127.0.0.1:41234"}, or nothing. */
  public String at() {
    return "";
  }

  @Override
  public String toString() {
    return name + " process " + (process == null ? "(not started)" : process + at());
  }
}
