package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.github.etcdregistry.junit.TestNamespace;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import org.junit.jupiter.api.Test;

/** What kube-controller-manager does after a delete: garbage collection and namespace cleanup, seen in etcd. */
@WithEtcdRegistry(kubeControllerManager = true)
class ControllersAtWorkTest {

  @Test
  void deletingADeploymentAndItsNamespaceLeavesNothingInEtcd(TestNamespace ns) {
    var deployments = ns.client().apps().deployments().inNamespace(ns.name());
    deployments.resource(new DeploymentBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec().withNewSelector()
        .addToMatchLabels("app", "web").endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec().endTemplate().endSpec().build()).create();
    assertThatRegistry().within(ofSeconds(30)).hasDeployment(ns.name(), "web")        // until a write passes the check
        .decodedAs(Deployment.class, d -> assertThat(d.getStatus().getObservedGeneration()).isEqualTo(1L));
    String replicaSet = assertThatRegistry().within(ofSeconds(30)).hasKeyUnder("/registry/replicasets/" + ns.name() + "/web-").actual().key();
    deployments.withName("web").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    assertThatRegistry().within(ofSeconds(30)).doesNotHaveKey(replicaSet);          // the garbage collector followed ownerReferences

    ns.client().namespaces().withName(ns.name()).delete();
    assertThatRegistry().within(ofSeconds(90)).hasNoKeysInNamespace(ns.name());     // the namespace controller emptied it
  }
}
