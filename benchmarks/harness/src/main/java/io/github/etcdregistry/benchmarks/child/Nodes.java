package io.github.etcdregistry.benchmarks.child;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Simulated nodes: start-up with kube-controller-manager, without and with nodes, and workloads on them — a Deployment
 * until its replicas are ready, a Job until it is Complete — timed from create as a test would wait for them.
 */
final class Nodes {

  private static final String NAMESPACE = "default";
  private static final long TIMEOUT_SECONDS = 120;

  private Nodes() {}

  /** ControlPlane with kube-controller-manager, and with {@code nodes} simulated nodes (0: none); start() until it returns. */
  static void startup(Backend backend, int nodes, int runs) throws Exception {
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      ControlPlane controlPlane = Out.track(new ControlPlane().withBackend(backend).withKubeControllerManager(true).withNodes(nodes));
      try {
        controlPlane.start();
        Out.result("start", Out.millisSince(start));
      } finally {
        Out.result("close", Out.close(controlPlane));
      }
    }
  }

  /** One control plane with {@code nodes} nodes (process backend); per run a new Deployment, then a new Job. */
  static void workloads(int nodes, int replicas, int completions, int runs) throws Exception {
    try (ControlPlane controlPlane = Out.track(new ControlPlane().withBackend(Backend.PROCESS).withNodes(nodes))) {
      controlPlane.start();
      KubernetesClient client = controlPlane.kubernetesClient();
      for (int i = 1; i <= runs; i++) {
        deployment(client, "web-" + i, replicas);
        job(client, "work-" + i, completions);
      }
      Out.closed(controlPlane);
    }
  }

  private static void deployment(KubernetesClient client, String name, int replicas) {
    try (PodMilestones pods = PodMilestones.watch(client, name, replicas)) {
      long start = System.nanoTime();
      client.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
          .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("benchmark", name).endSelector()
          .withTemplate(template(name, "Always")).endSpec().build()).create();
      client.apps().deployments().inNamespace(NAMESPACE).withName(name).waitUntilCondition(ready -> ready != null
          && ready.getStatus() != null && Integer.valueOf(replicas).equals(ready.getStatus().getReadyReplicas()), TIMEOUT_SECONDS,
          TimeUnit.SECONDS);
      Out.result("deployment", Out.millisSince(start));
      pods.report("deployment", start);
    }
  }

  private static void job(KubernetesClient client, String name, int completions) {
    try (PodMilestones pods = PodMilestones.watch(client, name, completions)) {
      long start = System.nanoTime();
      client.batch().v1().jobs().inNamespace(NAMESPACE).resource(new JobBuilder().withNewMetadata().withName(name).endMetadata()
          .withNewSpec().withCompletions(completions).withParallelism(completions).withTemplate(template(name, "Never")).endSpec()
          .build()).create();
      client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name).waitUntilCondition(done -> done != null && done.getStatus() != null
          && done.getStatus().getConditions() != null && done.getStatus().getConditions().stream()
              .anyMatch(condition -> "Complete".equals(condition.getType()) && "True".equals(condition.getStatus())),
          TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Out.result("job", Out.millisSince(start));
      pods.report("job", start);
    }
  }

  private static PodTemplateSpec template(String name, String restartPolicy) {
    return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("benchmark", name).endMetadata().withNewSpec()
        .withRestartPolicy(restartPolicy).addNewContainer().withName("app").withImage("busybox:1.37").endContainer().endSpec().build();
  }

  /** When a workload's Pods first all existed and were all bound to a node, from a watch opened before the workload is created. */
  private static final class PodMilestones implements Watcher<Pod>, AutoCloseable {

    private final int expected;
    private final Map<String, Pod> pods = new HashMap<>();
    private long created;
    private long bound;
    private Watch watch;

    private PodMilestones(int expected) {
      this.expected = expected;
    }

    static PodMilestones watch(KubernetesClient client, String workload, int expected) {
      PodMilestones milestones = new PodMilestones(expected);
      milestones.watch = client.pods().inNamespace(NAMESPACE).withLabel("benchmark", workload).watch(milestones);
      return milestones;
    }

    @Override
    public synchronized void eventReceived(Action action, Pod pod) {
      long now = System.nanoTime();
      if (action == Action.DELETED) {
        pods.remove(pod.getMetadata().getName());
      } else {
        pods.put(pod.getMetadata().getName(), pod);
      }
      if (created == 0 && pods.size() >= expected) {
        created = now;
      }
      if (bound == 0 && pods.values().stream().filter(p -> p.getSpec().getNodeName() != null).count() >= expected) {
        bound = now;
      }
    }

    @Override
    public void onClose(WatcherException cause) {
      // the workload's own wait fails on its timeout; a lost watch only leaves its milestones out
    }

    synchronized void report(String series, long start) {
      if (created != 0) {
        Out.result(series + "-created", (created - start) / 1e6);
      }
      if (bound != 0) {
        Out.result(series + "-bound", (bound - start) / 1e6);
      }
    }

    @Override
    public void close() {
      watch.close();
    }
  }
}
