package io.github.etcdregistry.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One measurement in a fresh JVM: the same JVM options for every subject, a classpath of its own (a peer that
 * cannot share etcd-registry's dependency tree gets the one its users get), and a hard timeout. A peer that is not
 * Java (the Go decoder) runs as its own executable under the same protocol and timeout.
 *
 * <p>The child speaks a line protocol on stdout ({@code RESULT <series> <value>}, {@code INFO <key>=<value>});
 * its stderr and every other stdout line go to a log file. On timeout, or when the coordinator is stopped, the
 * child gets SIGTERM first (its shutdown hooks stop what it started), then SIGKILL, and so does every process it
 * started.
 */
final class ChildJvm {

  private static volatile Process current;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Process process = current;
      if (process != null) {
        stop(process);
      }
    }, "benchmark child cleanup"));
  }

  private final String label;
  private final List<String> command;
  private final Duration timeout;
  private final Path logDirectory;
  private final Map<String, String> environment;

  ChildJvm(String label, List<String> classpath, String mainClass, List<String> arguments, Duration timeout,
      Path logDirectory, List<String> jvmOptions, Map<String, String> environment) {
    this(label, javaCommand(classpath, mainClass, arguments, jvmOptions), timeout, logDirectory, environment);
  }

  private ChildJvm(String label, List<String> command, Duration timeout, Path logDirectory, Map<String, String> environment) {
    this.label = label;
    this.command = command;
    this.timeout = timeout;
    this.logDirectory = logDirectory;
    this.environment = environment;
  }

  /** A peer that is its own executable, not a JVM. */
  static ChildJvm executable(String label, Path executable, List<String> arguments, Duration timeout, Path logDirectory) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(arguments);
    return new ChildJvm(label, command, timeout, logDirectory, Map.of());
  }

  private static List<String> javaCommand(List<String> classpath, String mainClass, List<String> arguments,
      List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(java.io.File.pathSeparator, classpath));
    command.add(mainClass);
    command.addAll(arguments);
    return command;
  }

  /** What a child reported, and how it ended. */
  record Outcome(Map<String, List<Double>> series, Map<String, String> info, String failure, Path log) {

    boolean ok() {
      return failure == null;
    }

    List<Double> values(String name) {
      return series.getOrDefault(name, List.of());
    }
  }

  Outcome run() {
    Path log = logDirectory.resolve(label.replaceAll("[^A-Za-z0-9.-]+", "-") + ".log");

    Map<String, List<Double>> series = new LinkedHashMap<>();
    Map<String, String> info = new LinkedHashMap<>();
    String failure = null;
    try {
      Files.createDirectories(logDirectory);
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.resolveSibling(log.getFileName() + ".stderr").toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      current = process;
      Thread reader = new Thread(() -> readProtocol(process, log, series, info), "read " + label);
      reader.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        failure = "did not finish within " + timeout.toSeconds() + " s (stopped)";
        stop(process);
      }
      reader.join(10_000);
      current = null;
      if (failure == null && process.exitValue() != 0) {
        failure = "exited with " + process.exitValue() + lastError(log);
      }
    } catch (IOException e) {
      failure = "could not start: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted";
    }
    synchronized (series) {
      return new Outcome(Map.copyOf(series), Map.copyOf(info), failure, log);
    }
  }

  private void readProtocol(Process process, Path log, Map<String, List<Double>> series, Map<String, String> info) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.println(line);
        out.flush();
        if (line.startsWith("RESULT ")) {
          String[] parts = line.split(" ");
          synchronized (series) {
            series.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(Double.parseDouble(parts[2]));
          }
          System.err.printf("  %s: %s %s%n", label, parts[1], Table.number(Double.parseDouble(parts[2])));
        } else if (line.startsWith("INFO ")) {
          int eq = line.indexOf('=');
          synchronized (series) {
            info.put(line.substring(5, eq), line.substring(eq + 1));
          }
        }
      }
    } catch (IOException e) {
      System.err.println("  " + label + ": could not read its output: " + e.getMessage());
    }
  }

  /** The last line the child wrote to stderr that looks like an error, to say why it failed. */
  private static String lastError(Path log) {
    Path stderr = log.resolveSibling(log.getFileName() + ".stderr");
    try {
      List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i).strip();
        if (line.startsWith("BENCHMARK FAILED:")) {
          return ": " + line.substring("BENCHMARK FAILED:".length()).strip();
        }
      }
      return " (see " + stderr + ")";
    } catch (IOException e) {
      return " (see " + stderr + ")";
    }
  }

  /** SIGTERM to the child (its shutdown hooks stop its processes and containers), then SIGKILL to what is left. */
  private static void stop(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
