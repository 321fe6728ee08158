package io.github.etcdregistry.benchmarks;

import io.github.etcdregistry.benchmarks.ChildJvm.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The child processes of one run: every measurement in a fresh JVM with the same options, its output in
 * {@code benchmark-logs}; a failure of etcd-registry's own is reported as a problem and fails the run, a peer's only
 * as a problem.
 */
final class Children {

  /** The child side of the harness's own measurements (etcd-registry and jetcd-launcher). */
  static final String SCENARIO = "io.github.etcdregistry.benchmarks.child.Scenario";

  private final Config config;
  private final Report report;
  private final Path logs;
  private boolean oursFailed;

  Children(Config config, Report report) {
    this.config = config;
    this.report = report;
    this.logs = config.workDirectory().resolve("benchmark-logs");
  }

  Path logs() {
    return logs;
  }

  /** Whether a measurement of etcd-registry itself failed: the run then exits with 1. */
  boolean oursFailed() {
    return oursFailed;
  }

  /** One of the harness's own measurements: {@link #SCENARIO} on the harness's classpath. */
  Outcome scenario(String label, Duration timeout, Object... arguments) {
    return child(label, Classpaths.harness(), SCENARIO, timeout, arguments);
  }

  Outcome child(String label, List<String> classpath, String mainClass, Duration timeout, Object... arguments) {
    return child(label, Map.of(), classpath, mainClass, timeout, arguments);
  }

  Outcome child(String label, Map<String, String> environment, List<String> classpath, String mainClass, Duration timeout,
      Object... arguments) {
    System.err.println("benchmark: " + label + " ...");
    List<String> jvm = new ArrayList<>(config.childJvmArgs());
    jvm.add("-Dapi.version=" + System.getProperty("api.version", "1.41"));
    jvm.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    List<String> args = Arrays.stream(arguments).map(String::valueOf).toList();
    Outcome outcome = new ChildJvm(label, classpath, mainClass, args, timeout, logs, jvm, environment).run();
    if (!outcome.ok()) {
      System.err.println("benchmark: " + label + " FAILED: " + outcome.failure());
    }
    return outcome;
  }

  /** A peer that is its own executable, not a JVM. */
  Outcome executable(String label, Path executable, List<String> arguments, Duration timeout) {
    return ChildJvm.executable(label, executable, arguments, timeout, logs).run();
  }

  /** A measurement of etcd-registry itself: when it failed, a problem that fails the run. */
  Outcome ours(Outcome outcome, String what) {
    if (!outcome.ok()) {
      oursFailed(what, outcome.failure() + logHint(outcome));
    }
    return outcome;
  }

  /** Reports that a measurement of etcd-registry itself failed, and fails the run. */
  void oursFailed(String what, String failure) {
    oursFailed = true;
    report.problem("etcd-registry, " + what + ": " + failure);
  }

  static Outcome notRun(String reason) {
    return new Outcome(Map.of(), Map.of(), "not run: " + reason, null);
  }

  static String logHint(Outcome outcome) {
    return outcome.log() == null ? "" : " (log: `" + outcome.log() + "` and `.stderr`)";
  }
}
