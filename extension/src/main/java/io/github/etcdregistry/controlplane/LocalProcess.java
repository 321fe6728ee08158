package io.github.etcdregistry.controlplane;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output is kept (the last lines) for error messages, and which is stopped the way
 * a service manager would: SIGTERM, a grace period, then SIGKILL.
 */
final class LocalProcess implements AutoCloseable {

  private static final int KEPT_LINES = 200;
  private static final long GRACE_MILLIS = 5_000;

  private final String name;
  private final List<String> command;
  private final Deque<String> lastLines = new ArrayDeque<>();
  private final CleanupOnExit.Registration cleanup;
  private Process process;
  private Thread outputReader;

  private LocalProcess(String name, List<String> command) {
    this.name = name;
    this.command = List.copyOf(command);
    this.cleanup = CleanupOnExit.register(this);
  }

  static LocalProcess start(String name, List<String> command, Path workingDirectory) {
    LocalProcess local = new LocalProcess(name, command);
    try {
      local.process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      local.cleanup.cancel();
      throw new ControlPlaneException("Could not start " + name + " from " + command.get(0) + ": " + e.getMessage(), e);
    }
    local.outputReader = new Thread(local::keepOutput, "etcd-registry " + name + " output");
    local.outputReader.setDaemon(true);
    local.outputReader.start();
    return local;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** Whether it exited and how, how it was started, and what it said last: what a failed start must show. */
  String failureReport() {
    String status = process.isAlive() ? "still running" : "exited with code " + process.exitValue();
    return name + " " + status + ", started as:" + System.lineSeparator() + "  " + String.join(" ", command)
        + System.lineSeparator() + "Last output:" + System.lineSeparator() + recentOutput(30);
  }

  /** The last lines the process wrote, for a failure message. */
  String recentOutput(int lines) {
    if (!process.isAlive()) {
      awaitOutput(); // a process that died at once may still have its last words in the pipe
    }
    synchronized (lastLines) {
      return String.join(System.lineSeparator(), lastLines.stream().skip(Math.max(0, lastLines.size() - lines)).toList());
    }
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    try {
      process.destroy();
      if (!process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
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
