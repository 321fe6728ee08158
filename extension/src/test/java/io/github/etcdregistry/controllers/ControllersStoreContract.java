package io.github.etcdregistry.controllers;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThat;
import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.junit.TestNamespace;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryRecording;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With kube-controller-manager running, what controllers write shows up in etcd as in a cluster. */
abstract class ControllersStoreContract {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

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

    // controllers act asynchronously: each lookup waits on an etcd watch for the controller's write
    assertThatRegistry().within(PATIENCE).hasEndpoints("default", "web").isProtobuf();
    Deployment web = kube.apps().deployments().withName("web").get();
    assertThatRegistry().within(PATIENCE).hasDeployment("default", "web")
        .decodedAs(Deployment.class, d -> assertThat(d.getStatus().getObservedGeneration()).as("written by the deployment controller").isEqualTo(1L));
    String replicaSet = assertThatRegistry().within(PATIENCE).hasKeyUnder("/registry/replicasets/default/web-").actual().key()
        .substring("/registry/replicasets/default/".length());
    assertThatRegistry().hasReplicaSet("default", replicaSet).isProtobuf().hasStoredKind("ReplicaSet")
        .decodedAs(ReplicaSet.class)
        .satisfies(rs -> assertThat(rs.getMetadata().getOwnerReferences()).singleElement()
            .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(web.getMetadata().getUid())));
    assertThatRegistry().within(PATIENCE).hasReplicaSet("default", replicaSet)
        .decodedAs(ReplicaSet.class, rs -> assertThat(rs.getStatus().getReplicas()).as("the ReplicaSet's Pod, Pending without a scheduler").isEqualTo(1));
    assertThat(registry.keys("/registry/pods/default/" + replicaSet + "-")).hasSize(1);
    assertThatRegistry().within(PATIENCE).hasKeyUnder("/registry/controllerrevisions/default/agent-").hasStoredKind("ControllerRevision");
    assertThat(registry.keys("/registry/controllerrevisions/default/agent-")).hasSize(1);
    assertThatRegistry().hasServiceAccount("default", "default").isProtobuf();
  }

  @Test
  void namespaceDeletionEmptiesTheNamespacesKeys(KubernetesClient kube, TestNamespace ns) {
    kube.configMaps().inNamespace(ns.name()).resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().build()).create();
    kube.apps().deployments().inNamespace(ns.name()).resource(web(1)).create();
    assertThatRegistry().within(PATIENCE).hasKeyUnder("/registry/pods/" + ns.name() + "/web-");
    // the service account controller writes the namespace's default account in its own time
    assertThatRegistry().within(PATIENCE).hasServiceAccount(ns.name(), "default");
    assertThatRegistry().keysUnder("/registry/").filteredOn(key -> key.contains("/" + ns.name() + "/"))
        .as("what the namespace holds: the user's objects and what controllers made for them")
        .contains("/registry/configmaps/" + ns.name() + "/settings", "/registry/deployments/" + ns.name() + "/web",
            "/registry/serviceaccounts/" + ns.name() + "/default");

    kube.namespaces().withName(ns.name()).delete();

    // the namespace controller deletes every object in it, then the namespace itself
    assertThatRegistry().within(Duration.ofSeconds(90)).hasNoKeysInNamespace(ns.name());
  }

  @Test
  void garbageCollectorRemovesADeletedDeploymentsReplicaSetAndPods(KubernetesClient kube, TestNamespace ns, EtcdRegistry registry) {
    String replicaSet;
    try (RegistryRecording rollout = registry.record()) {
      kube.apps().deployments().inNamespace(ns.name()).resource(web(2)).create();
      replicaSet = assertThatRegistry().within(PATIENCE).hasKeyUnder("/registry/replicasets/" + ns.name() + "/web-").actual().key();
      assertThatRegistry().within(PATIENCE).hasKey(replicaSet)
          .decodedAs(ReplicaSet.class, rs -> assertThat(rs.getStatus().getReplicas()).isEqualTo(2));
      // the recording names who wrote what: the controllers, not the test's client
      assertThat(rollout).writesTo(replicaSet).isNotEmpty()
          .allSatisfy(write -> assertThat(write.manager()).contains("kube-controller-manager"));
      assertThat(rollout).writesUnder("/registry/pods/" + ns.name() + "/web-").hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(write -> assertThat(write.manager()).contains("kube-controller-manager"));
    }
    List<String> pods = registry.keys("/registry/pods/" + ns.name() + "/web-");
    assertThat(pods).hasSize(2);

    kube.apps().deployments().inNamespace(ns.name()).withName("web").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

    assertThatRegistry().within(PATIENCE).doesNotHaveKey("/registry/deployments/" + ns.name() + "/web");
    assertThatRegistry().within(PATIENCE).doesNotHaveKey(replicaSet); // the garbage collector follows ownerReferences
    for (String pod : pods) {
      assertThatRegistry().within(PATIENCE).doesNotHaveKey(pod);
    }
  }

  private static io.fabric8.kubernetes.api.model.apps.Deployment web(int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withSpec(nginx()).endTemplate()
        .endSpec().build();
  }

  private static io.fabric8.kubernetes.api.model.PodSpec nginx() {
    return new PodSpecBuilder().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().build();
  }
}
