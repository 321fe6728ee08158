package io.github.etcdregistry.nodes;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThat;
import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.TestNamespace;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryRecording;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Pods on simulated nodes, on both backends: kube-scheduler binds them, kwok plays the kubelet, and etcd holds what a
 * real cluster's does — the binding, the Running and Ready status, the nodes' Leases, a finished Job.
 */
class SimulatedNodesTest {

  @Nested
  @WithEtcdRegistry(nodes = 3, stages = "classpath:stages/pod-fail.yaml", backend = Backend.PROCESS)
  class OnProcesses extends Scenarios {}

  @Nested
  @WithEtcdRegistry(nodes = 3, stages = "classpath:stages/pod-fail.yaml", backend = Backend.CONTAINER)
  class InContainers extends Scenarios {}

  abstract static class Scenarios {

    @Test
    void nodesAreReadyInTheirZonesAndRenewTheirLeases(KubernetesClient kube) {
      assertThat(kube.nodes().list().getItems()).extracting(node -> node.getMetadata().getName())
          .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
      Node first = kube.nodes().withName("node-1").get();
      assertThat(first.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", "node-1")
          .containsEntry("topology.kubernetes.io/zone", "zone-a");

      assertThatRegistry().hasNode("node-2").isProtobuf();
      assertThatRegistry().hasKey("/registry/leases/kube-node-lease/node-3");
    }

    // --8<-- [start:pod-on-a-node]
    @Test
    void aPodIsBoundToANodeAndBecomesRunningAndReady(KubernetesClient kube, TestNamespace namespace) {
      kube.pods().inNamespace(namespace.name()).resource(new PodBuilder().withNewMetadata().withName("web").endMetadata()
          .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec().build()).create();

      Pod running = kube.pods().inNamespace(namespace.name()).withName("web").waitUntilCondition(pod -> pod.getStatus() != null
          && "Running".equals(pod.getStatus().getPhase()) && pod.getStatus().getConditions().stream()
              .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus())), 60, TimeUnit.SECONDS);

      assertThat(running.getSpec().getNodeName()).startsWith("node-");
      assertThatRegistry().hasPod(namespace.name(), "web").isScheduledOn(running.getSpec().getNodeName())
          .isProtobuf().decodedAs(Pod.class)
          .satisfies(stored -> {
            assertThat(stored.getSpec().getNodeName()).isEqualTo(running.getSpec().getNodeName());
            assertThat(stored.getStatus().getPhase()).isEqualTo("Running");
          });

      kube.pods().inNamespace(namespace.name()).withName("web").delete(); // kwok ends it as a kubelet would: the key goes
      assertThatRegistry().within(Duration.ofSeconds(30)).doesNotHavePod(namespace.name(), "web");
    }
    // --8<-- [end:pod-on-a-node]

    // --8<-- [start:who-wrote-what]
    @Test
    void aDeploymentBecomesReadyAndEachComponentsWritesCarryItsName(KubernetesClient kube, TestNamespace namespace, EtcdRegistry registry) {
      String ns = namespace.name();
      try (RegistryRecording recording = registry.recordNamespace(ns)) {
        kube.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder().withNewMetadata().withName("web")
            .endMetadata().withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "web").endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer()
            .withName("web").withImage("nginx:1.27").endContainer().endSpec().endTemplate().endSpec().build()).create();

        kube.apps().deployments().inNamespace(ns).withName("web").waitUntilCondition(ready -> ready.getStatus() != null
            && Integer.valueOf(3).equals(ready.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);
        recording.stop();

        assertThatRegistry().hasDeployment(ns, "web").decodedAs(Deployment.class)
            .satisfies(stored -> assertThat(stored.getStatus().getReadyReplicas()).isEqualTo(3));
        assertThat(recording).writesBy("kube-controller-manager")              // the ReplicaSet, its Pods, the status
            .anyMatch(write -> write.key().startsWith("/registry/replicasets/" + ns + "/"))
            .filteredOn(write -> write.key().startsWith("/registry/pods/" + ns + "/") && write.isCreate()).hasSize(3);
        assertThat(recording).writesBy("kube-scheduler")                       // a Scheduled event per Pod
            .allMatch(write -> write.key().startsWith("/registry/events/" + ns + "/")).hasSize(3);
        assertThat(recording).writesUnder("/registry/pods/" + ns + "/")          // the bindings: kube-apiserver sets
            .filteredOn(write -> write.manager().isEmpty()).hasSize(3);       // spec.nodeName past its field manager
        assertThat(recording).writesBy("kwok")                                  // the "kubelet": each Pod's status
            .filteredOn(write -> write.key().startsWith("/registry/pods/" + ns + "/")).hasSizeGreaterThanOrEqualTo(3);
      }
    }
    // --8<-- [end:who-wrote-what]

    @Test
    void aDaemonSetPlacesOnePodOnEachNode(KubernetesClient kube, TestNamespace namespace) {
      kube.apps().daemonSets().inNamespace(namespace.name()).resource(new DaemonSetBuilder().withNewMetadata().withName("agent")
          .endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector().withNewTemplate()
          .withNewMetadata().addToLabels("app", "agent").endMetadata().withNewSpec().addNewContainer().withName("agent")
          .withImage("busybox:1.37").endContainer().endSpec().endTemplate().endSpec().build()).create();

      kube.apps().daemonSets().inNamespace(namespace.name()).withName("agent").waitUntilCondition(placed -> placed.getStatus() != null
          && Integer.valueOf(3).equals(placed.getStatus().getNumberReady()), 60, TimeUnit.SECONDS);

      assertThat(kube.pods().inNamespace(namespace.name()).withLabel("app", "agent").list().getItems())
          .extracting(pod -> pod.getSpec().getNodeName()).containsExactlyInAnyOrder("node-1", "node-2", "node-3");
    }

    @Test
    void aJobsPodCompletesAndTheJobSucceeds(KubernetesClient kube, TestNamespace namespace) {
      Job job = new JobBuilder().withNewMetadata().withName("once").endMetadata().withNewSpec().withNewTemplate().withNewSpec()
          .withRestartPolicy("Never").addNewContainer().withName("work").withImage("busybox:1.37").endContainer().endSpec()
          .endTemplate().endSpec().build();
      kube.batch().v1().jobs().inNamespace(namespace.name()).resource(job).create();

      kube.batch().v1().jobs().inNamespace(namespace.name()).withName("once").waitUntilCondition(done -> done.getStatus() != null
          && done.getStatus().getSucceeded() != null && done.getStatus().getSucceeded() == 1, 60, TimeUnit.SECONDS);

      assertThatRegistry().hasJob(namespace.name(), "once").decodedAs(Job.class)
          .satisfies(stored -> assertThat(stored.getStatus().getSucceeded()).isEqualTo(1));
    }

    /** stages/pod-fail.yaml, played besides kwok's own Stages: a Pod labelled fail=true fails once it runs. */
    @Test
    void aStageOfTheTestsOwnMakesAPodFail(KubernetesClient kube, TestNamespace namespace) {
      kube.pods().inNamespace(namespace.name()).resource(new PodBuilder().withNewMetadata().withName("crash").addToLabels("fail", "true")
          .endMetadata().withNewSpec().withRestartPolicy("Never").addNewContainer().withName("app").withImage("busybox:1.37")
          .endContainer().endSpec().build()).create();

      kube.pods().inNamespace(namespace.name()).withName("crash").waitUntilCondition(pod -> pod.getStatus() != null
          && "Failed".equals(pod.getStatus().getPhase()), 60, TimeUnit.SECONDS);

      assertThatRegistry().hasPod(namespace.name(), "crash").decodedAs(Pod.class).satisfies(stored -> assertThat(
          stored.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(1));
    }

    @Test
    void aPodNoNodeCanTakeStaysPendingWithTheSchedulersReason(KubernetesClient kube, TestNamespace namespace) {
      kube.pods().inNamespace(namespace.name()).resource(new PodBuilder().withNewMetadata().withName("picky").endMetadata()
          .withNewSpec().addToNodeSelector("disktype", "ssd").addNewContainer().withName("web").withImage("nginx:1.27").endContainer()
          .endSpec().build()).create();

      Pod pending = kube.pods().inNamespace(namespace.name()).withName("picky").waitUntilCondition(pod -> pod.getStatus() != null
          && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
              .anyMatch(condition -> "PodScheduled".equals(condition.getType()) && "Unschedulable".equals(condition.getReason())),
          Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS);

      assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
      assertThatThrownBy(() -> assertThatRegistry().hasPod(namespace.name(), "picky").isScheduledOn("node-1"))
          .hasMessageContaining("but it is bound to no node");
      assertThat(pending.getStatus().getConditions()).anySatisfy(condition -> assertThat(condition.getMessage())
          .contains("0/3 nodes are available").contains("node affinity/selector"));
    }
  }
}
