package io.github.etcdregistry.benchmarks;

import io.github.etcdregistry.benchmarks.ChildJvm.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Section 8 of the report: what simulated nodes add to a control plane's start, on both backends, and how soon a
 * Deployment is ready and a Job complete on them.
 */
final class NodesSection {

  /** Published times to a ready cluster, for scale only: kind and k3s pull node images from a registry, so they are not run here. */
  private static final String PUBLISHED = "https://github.com/nolar/setup-k3d-k3s";
  private static final double KIND_SECONDS = 90;
  private static final double K3S_SECONDS_LOW = 20;
  private static final double K3S_SECONDS_HIGH = 30;
  private static final int NODES = 3;
  private static final int REPLICAS = 3;
  private static final int COMPLETIONS = 5;

  private final Config config;
  private final Report report;
  private final Children children;

  NodesSection(Config config, Report report, Children children) {
    this.config = config;
    this.report = report;
    this.children = children;
  }

  void run() {
    int n = config.nodesRuns();
    List<String> comparisons = new ArrayList<>();
    for (String backend : List.of("PROCESS", "CONTAINER")) {
      Stats withNodes = startup(backend, n);
      if (withNodes != null) {
        comparisons.add(comparison(backend, withNodes.median()));
      }
    }
    workloads(n);
    report.note("**8. Simulated nodes**: " + n + " starts per subject in one JVM each; from constructing "
        + "`new ControlPlane().withBackend(...).withKubeControllerManager(true)` to `start()` returning, without nodes and with "
        + "`.withNodes(" + NODES + ")`, which also starts kube-scheduler and kwok (beside kube-controller-manager), "
        + "creates `node-1` to `node-" + NODES + "` and returns once kwok reports them Ready and kube-controller-manager has removed "
        + "their not-ready taint. What the nodes add is the difference of the two medians. The workloads run in one more JVM on "
        + "one control plane (process backend, " + NODES + " nodes), " + n + " times each, through the control plane's fabric8 "
        + "client, in namespace `default`: a Deployment of " + REPLICAS + " replicas from `create()` until "
        + "`waitUntilCondition` sees `status.readyReplicas == " + REPLICAS + "`, then a Job of " + COMPLETIONS + " completions "
        + "(parallelism " + COMPLETIONS + ", `restartPolicy: Never`) until its condition `Complete` is True; the \"exist\" and "
        + "\"bound\" rows come from a watch on the workload's Pods opened before `create()`. The first workload of the JVM "
        + "(\"cold\") also loads the client's classes. No target is set for the Job; kube-controller-manager's Job controller "
        + "batches the syncs its Pods' updates cause by 1 s (`SyncJobBatchPeriod` in pkg/controller/job, no flag), a floor under "
        + "that row. For scale, published figures, not measured "
        + "here (kind and k3s run node images pulled from an image registry, while every subject here runs on the same local "
        + "binaries and images): kind takes about 1.5 minutes to a ready cluster and k3d/k3s 20–30 s, as published in the README of " + PUBLISHED + " (GitHub Actions runners, September 2020; "
        + "it does not say whether the image pull is included)" + (comparisons.isEmpty() ? "." : ": "
        + String.join("; ", comparisons) + " (the aim is at least 10×)."));
  }

  /** Start-up without and with nodes on {@code backend}; the median with nodes, or null when it did not run. */
  private Stats startup(String backend, int n) {
    String name = backend.toLowerCase(Locale.ROOT);
    Duration timeout = Duration.ofSeconds(60L + 120L * n);
    Outcome without = children.ours(children.scenario("nodes ours " + name + " without nodes", timeout, "nodes-start", backend, 0, n),
        "start with kube-controller-manager, " + name + " backend");
    Outcome with = children.ours(children.scenario("nodes ours " + name + " " + NODES + " nodes", timeout, "nodes-start", backend, NODES, n),
        "start with " + NODES + " simulated nodes, " + name + " backend");
    Stats base = Stats.of(without.values("start"));
    Stats nodes = Stats.of(with.values("start"));
    String m = "etcd + kube-apiserver + kube-controller-manager ready (ms)";
    String subject = "**etcd-registry, " + name + " backend**";
    report.result("8", m, subject + ", no nodes", base, Stats.of(without.values("close")), base == null ? "" : "reference");
    report.result("8", m, subject + ", " + NODES + " simulated nodes Ready (+ kube-scheduler, kwok)", nodes, Stats.of(with.values("close")),
        base == null || nodes == null ? "" : Table.ratio(nodes.median() / base.median()) + " no nodes");
    Double added = base == null || nodes == null ? null : nodes.median() - base.median();
    if (added != null) {
      report.derived("8", NODES + " simulated nodes add (ms)", name + " backend, difference of the medians", added, "");
    }
    report.target(NODES + " simulated nodes add ≤ 1 s to start-up — " + name + " backend", added == null ? "n/a"
        : Table.number(added) + " ms (" + Table.number(nodes.median()) + " − " + Table.number(base.median()) + " ms)",
        added == null ? null : added <= 1000);
    report.summary("etcd + kube-apiserver + kube-controller-manager + " + NODES + " simulated nodes ready, " + name + " backend (n = " + n
        + ")", nodes == null ? "did not run" : "**" + Table.number(nodes.median()) + " ms**"
        + (added == null ? "" : " (the nodes add " + Table.number(added) + " ms)"), "", "");
    return nodes;
  }

  private void workloads(int n) {
    Outcome outcome = children.ours(children.scenario("nodes ours workloads", Duration.ofSeconds(120L + 60L * n), "nodes-workloads",
        NODES, REPLICAS, COMPLETIONS, n), "workloads on simulated nodes");
    String subject = "etcd-registry, process backend, " + NODES + " simulated nodes";
    Stats deployment = Stats.of(outcome.values("deployment"));
    String m = "Deployment of " + REPLICAS + " replicas, create to ready (ms)";
    report.result("8", m, "**" + subject + "**", deployment, null, "");
    report.result("8", m, "… until its " + REPLICAS + " Pods exist", Stats.of(outcome.values("deployment-created")), null, "");
    report.result("8", m, "… until its " + REPLICAS + " Pods are bound to nodes", Stats.of(outcome.values("deployment-bound")), null, "");
    Stats job = Stats.of(outcome.values("job"));
    String j = "Job of " + COMPLETIONS + " completions, create to Complete (ms)";
    report.result("8", j, "**" + subject + "**", job, null, "");
    report.result("8", j, "… until its " + COMPLETIONS + " Pods exist", Stats.of(outcome.values("job-created")), null, "");
    report.result("8", j, "… until its " + COMPLETIONS + " Pods are bound to nodes", Stats.of(outcome.values("job-bound")), null, "");
    report.target("Deployment of " + REPLICAS + " replicas ready < 2 s", deployment == null ? "n/a" : Table.number(deployment.median()) + " ms",
        deployment == null ? null : deployment.median() < 2000);
    report.target("Job of " + COMPLETIONS + " completions Complete (no target set, reported only)",
        job == null ? "n/a" : Table.number(job.median()) + " ms", null);
    report.summary("Deployment of " + REPLICAS + " replicas ready on simulated nodes (n = " + n + ")", deployment, " ms", "", null);
    report.summary("Job of " + COMPLETIONS + " completions Complete on simulated nodes (n = " + n + ")", job, " ms", "", null);
  }

  private static String comparison(String backend, double millis) {
    double seconds = millis / 1000;
    return String.format(Locale.ROOT, "kind's %.0f s are %.1f× the start with %d nodes on the %s backend (%.1f s), k3d/k3s's "
        + "%.0f–%.0f s %.1f–%.1f×", KIND_SECONDS, KIND_SECONDS / seconds, NODES, backend.toLowerCase(Locale.ROOT), seconds,
        K3S_SECONDS_LOW, K3S_SECONDS_HIGH, K3S_SECONDS_LOW / seconds, K3S_SECONDS_HIGH / seconds);
  }
}
