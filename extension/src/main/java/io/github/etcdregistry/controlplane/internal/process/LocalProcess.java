package io.github.etcdregistry.controlplane.internal.process;

import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.internal.CleanupOnExit;
import io.github.etcdregistry.controlplane.internal.Owner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output is kept (the last lines) for error messages, and which is stopped the way
 * a service manager would: SIGTERM, a grace period, then SIGKILL.
 *
 * <p>It also dies with this JVM, even one killed with SIGKILL, which runs no shutdown hook: a small POSIX shell
 * guard holds the read end of a pipe whose write end only this JVM holds (the child's stdin). When the pipe
 * closes — on {@link #close()}, or because the kernel closed it with the dead JVM — the guard sends the child
 * SIGTERM, then SIGKILL after the same grace period. The guard {@code exec}s the binary, so the pid and exit
 * code are the binary's own.
 */
public final class LocalProcess implements AutoCloseable {

  private static final int KEPT_LINES = 200;
  private static final long GRACE_MILLIS = 5_000;

  private static final boolean GUARDED = Files.isExecutable(Path.of("/bin/sh")); // Linux and macOS
  private static final String GUARD = String.join("\n",
      "owner=$$",
      "exec 3<&0", // a background job's stdin would be /dev/null: keep the pipe on fd 3
      "(",
      "  while read -r _; do :; done", // returns at EOF: the JVM closed the pipe or is gone
      "  kill -TERM \"$owner\" 2>/dev/null || exit 0",
      "  i=0",
      "  while kill -0 \"$owner\" 2>/dev/null; do",
      "    i=$((i + 1)); if [ \"$i\" -ge " + GRACE_MILLIS / 100 + " ]; then kill -KILL \"$owner\" 2>/dev/null; exit 0; fi",
      "    sleep 0.1",
      "  done",
      ") <&3 >/dev/null 2>&1 &",
      "exec \"$@\" </dev/null 3<&-");

  private final String name;
  private final List<String> command;
  private final Deque<String> lastLines = new ArrayDeque<>();
  private final CleanupOnExit.Registration cleanup;
  private Process process;
  private Thread outputReader;
  private volatile Instant exitedAt;
  private volatile boolean stopping;

  private LocalProcess(String name, List<String> command) {
    this.name = name;
    this.command = List.copyOf(command);
    this.cleanup = CleanupOnExit.register(this);
  }

  public static LocalProcess start(String name, List<String> command, Path workingDirectory) {
    return start(name, command, workingDirectory, Map.of());
  }

  /** {@code environment}: variables the component reads besides the JVM's own. */
  public static LocalProcess start(String name, List<String> command, Path workingDirectory, Map<String, String> environment) {
    LocalProcess local = new LocalProcess(name, command);
    try {
      List<String> guarded = new ArrayList<>();
      if (GUARDED) {
        guarded.addAll(List.of("/bin/sh", "-c", GUARD, "etcd-registry-guard"));
      }
      guarded.addAll(command);
      ProcessBuilder builder = new ProcessBuilder(guarded).directory(workingDirectory.toFile()).redirectErrorStream(true);
      builder.environment().putAll(environment);
      builder.environment().put(Owner.ENVIRONMENT, Owner.current().environmentValue());
      local.process = builder.start();
    } catch (IOException e) {
      local.cleanup.cancel();
      throw new ControlPlaneException("Could not start " + name + " from " + command.get(0) + ": " + e.getMessage(), e);
    }
    local.process.onExit().thenRun(local::exited);
    local.outputReader = new Thread(local::keepOutput, "etcd-registry " + name + " output");
    local.outputReader.setDaemon(true);
    local.outputReader.start();
    return local;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Empty while it runs; once it exited on its own, {@code "etcd (pid N) exited with code X at <time>; last lines: ..."}:
   * what a test that finds its control plane broken must read.
   */
  public Optional<String> exitReport() {
    if (stopping || process.isAlive()) {
      return Optional.empty();
    }
    Instant at = exitedAt == null ? Instant.now() : exitedAt; // onExit may not have run yet
    return Optional.of(name + " (pid " + process.pid() + ") exited with code " + process.exitValue() + " at " + at
        + "; last lines:" + System.lineSeparator() + recentOutput(10));
  }

  /** Whether it exited and how, how it was started, and what it said last: what a failed start must show. */
  public String failureReport() {
    String status = process.isAlive() ? "still running" : "exited with code " + process.exitValue();
    return name + " " + status + ", started as:" + System.lineSeparator() + "  " + String.join(" ", command)
        + System.lineSeparator() + "Last output:" + System.lineSeparator() + recentOutput(30);
  }

  /** The last lines the process wrote, for a failure message. */
  public String recentOutput(int lines) {
    if (!process.isAlive()) {
      awaitOutput(); // a process that died at once may still have its last words in the pipe
    }
    synchronized (lastLines) {
      return String.join(System.lineSeparator(), lastLines.stream().skip(Math.max(0, lastLines.size() - lines)).toList());
    }
  }

  @Override
  public void close() {
    close(Duration.ofMillis(GRACE_MILLIS));
  }

  /** SIGTERM, then SIGKILL if it has not ended within {@code grace}. */
  public void close(Duration grace) {
    if (process == null) {
      return;
    }
    stopping = true;
    try {
      closeStdin(); // the guard's signal to stop, as if the JVM had gone
      process.destroy();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      cleanup.cancel();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + (process == null ? "-" : process.pid()) + ")";
  }

  /** Records when it ended and releases the guard at once, so it never signals a pid that could be reused. */
  private void exited() {
    exitedAt = Instant.now();
    closeStdin();
  }

  private void closeStdin() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already closed
    }
  }

  private void awaitOutput() {
    try {
      outputReader.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void keepOutput() {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        synchronized (lastLines) {
          if (lastLines.size() == KEPT_LINES) {
            lastLines.removeFirst();
          }
          lastLines.addLast(line);
        }
      }
    } catch (IOException e) {
      // the stream closes when the process ends; nothing left to keep
    }
  }
}
