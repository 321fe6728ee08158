package io.github.etcdregistry.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What a run ran on, for the report's header: the machine, the JVM, the binaries and images, Docker, the load. */
final class Machine {

  private Machine() {}

  /** The header lines before the tables: when and on what, which binaries and images, how to reproduce. */
  static void header(Config config, Report report) {
    report.header("Run " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(java.time.ZoneId.systemDefault()))
        .replaceFirst("\\.\\d+", "") + " on " + Runtime.getRuntime().availableProcessors() + " CPUs (" + cpuModel() + "), "
        + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
        + " (" + System.getProperty("java.vm.name") + ")");
    report.header("Binaries: etcd " + config.etcdBinary().map(b -> firstLine(b.toString(), "--version")).orElse("(not set)")
        + ", kube-apiserver " + kubeVersion(config) + "; images " + config.etcdImage().orElse("(not set)") + ", "
        + config.kubeApiServerImage().orElse("(not set)") + "; Docker " + firstLine("docker", "version", "--format",
        "{{.Server.Version}} (API {{.Server.APIVersion}})") + ", client API pinned to " + System.getProperty("api.version", "default"));
    report.header("Reproduce: `" + config.command() + "`");
  }

  /** The version kube-apiserver's binary reports, such as v1.34.1; "(not set)" without one. */
  static String kubeVersion(Config config) {
    return config.kubeApiServerBinary().map(b -> firstLine(b.toString(), "--version").replaceFirst("^(Kubernetes|kube-apiserver) ", ""))
        .orElse("(not set)");
  }

  /** The one-, five- and fifteen-minute load averages; "unknown" where the system does not publish them. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String firstLine(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      process.waitFor(30, TimeUnit.SECONDS);
      return process.exitValue() == 0 && !output.isEmpty() ? output.lines().findFirst().orElse("?").replace("etcd Version: ", "v") : "unknown";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          fields.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
      }
      return fields.getOrDefault("model name", "unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }
}
