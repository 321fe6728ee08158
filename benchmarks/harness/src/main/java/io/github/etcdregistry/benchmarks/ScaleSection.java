package io.github.etcdregistry.benchmarks;

import io.github.etcdregistry.benchmarks.ChildJvm.Outcome;
import java.time.Duration;

/** Section 7 of the report: reading many large values, as keys, as decoded entries and as an HTML report. */
final class ScaleSection {

  private final Config config;
  private final Report report;
  private final Children children;

  ScaleSection(Config config, Report report, Children children) {
    this.config = config;
    this.report = report;
    this.children = children;
  }

  void run() {
    Outcome outcome = children.ours(children.scenario("scale", Duration.ofMinutes(20), "scale", config.scaleValues(),
        config.scaleValueBytes(), config.scaleRuns()), "reading at scale");
    String what = String.format(java.util.Locale.ROOT, "%,d values of %,d bytes", config.scaleValues(), config.scaleValueBytes());
    report.result("7", "reading " + what + " (ms)", "`EtcdRegistry.keys(...)`", Stats.of(outcome.values("keys")), null, "");
    report.result("7", "reading " + what + " (ms)", "`EtcdRegistry.entries(...)` + `decode()` of each",
        Stats.of(outcome.values("entries")), null, "");
    report.result("7", "reading " + what + " (ms)", "HTML report of the registry, written to a file (" + outcome.info()
        .getOrDefault("report.bytes", "?") + " bytes)", Stats.of(outcome.values("report")), null, "");
    report.result("7", "… peak heap (MiB)", "sum of the heap pools' peaks over all runs", Stats.of(outcome.values("peak-heap")), null, "");
    report.note("**7. Scale**: etcd-registry's etcd (process backend, mTLS) holding " + what + " (ConfigMaps stored as JSON, "
        + outcome.info().getOrDefault("bytes.total", "?") + " bytes in all), written with jetcd transactions; then "
        + config.scaleRuns() + " times, in one JVM (" + String.join(" ", config.childJvmArgs()) + "), `keys`, `entries` "
        + "with `decode()` of each, and `HtmlReport.of(RegistryTree.of(registry)).writeTo(file)`. Pages hold about 2 MiB.");
  }
}
