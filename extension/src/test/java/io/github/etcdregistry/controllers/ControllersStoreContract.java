package io.github.etcdregistry.controllers;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With kube-controller-manager running, what controllers write shows up in etcd as in a cluster. */
abstract class ControllersStoreContract {

  @Test
  void controllersWriteWhatFollowsFromTheUsersObjects(KubernetesClient kube, EtcdRegistry registry) {
    kube.services().resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().addToSelector("app", "web").addNewPort().withPort(80).endPort().endSpec().build()).create();
    kube.apps().deployments().resource(new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withSpec(nginx()).endTemplate()
        .endSpec().build()).create();
    kube.apps().daemonSets().resource(new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata().withSpec(nginx()).endTemplate()
        .endSpec().build()).create();

    assertThat(eventually(registry, "/registry/services/endpoints/default/web")).isNotEmpty();
    List<String> replicaSets = eventually(registry, "/registry/replicasets/default/web-");
    assertThat(eventually(registry, "/registry/controllerrevisions/default/agent-")).hasSize(1);
    assertThat(eventually(registry, "/registry/pods/default/web-")).as("the ReplicaSet's Pod, Pending without a scheduler").hasSize(1);

    assertThat(replicaSets).hasSize(1);
    assertThatRegistry().hasKey(replicaSets.get(0)).isProtobuf().hasStoredKind("ReplicaSet")
        .decodedAs(ReplicaSet.class)
        .satisfies(rs -> assertThat(rs.getMetadata().getOwnerReferences()).singleElement()
            .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("Deployment")));
    assertThatRegistry().hasServiceAccount("default", "default").isProtobuf();
  }

  /** Controllers act asynchronously: the keys under {@code prefix} once there are any (at most 30 s). */
  private static List<String> eventually(EtcdRegistry registry, String prefix) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> keys = registry.keys(prefix);
    while (keys.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + prefix, e);
      }
      keys = registry.keys(prefix);
    }
    return keys;
  }

  private static io.fabric8.kubernetes.api.model.PodSpec nginx() {
    return new PodSpecBuilder().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().build();
  }
}
