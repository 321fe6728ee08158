package io.github.etcdregistry.controllers;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.time.Duration;
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

  private static io.fabric8.kubernetes.api.model.PodSpec nginx() {
    return new PodSpecBuilder().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().build();
  }
}
