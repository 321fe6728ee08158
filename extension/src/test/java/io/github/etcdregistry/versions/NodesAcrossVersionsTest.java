package io.github.etcdregistry.versions;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Simulated nodes follow the Kubernetes version: 1.35's kube-scheduler binds a Pod, and after an upgrade to 1.37 the
 * restarted kube-scheduler and kwok take the same node over and run the next Pod.
 */
@WithEtcdRegistry(nodes = 1, backend = Backend.PROCESS, kubernetesVersion = "1.35")
class NodesAcrossVersionsTest {

  @Test
  void podsRunOnTheSameNodeBeforeAndAfterAnUpgrade(ControlPlane controlPlane) {
    assertThat(controlPlane.kubernetesVersion()).hasToString("v1.35.4");
    runs(controlPlane.kubernetesClient(), "before");

    controlPlane.switchKubernetesVersion("1.37");

    assertThat(controlPlane.kubernetesVersion()).hasToString("v1.37.2");
    runs(controlPlane.kubernetesClient(), "after");
    assertThatRegistry().hasPod("default", "before").isScheduledOn("node-1");
  }

  private static void runs(KubernetesClient kube, String name) {
    kube.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec().build()).create();
    // well under the 40 s a new kwok would wait out its predecessor's node Leases
    kube.pods().inNamespace("default").withName(name).waitUntilCondition(pod -> pod.getStatus() != null
        && "Running".equals(pod.getStatus().getPhase()), 20, TimeUnit.SECONDS);
    assertThatRegistry().hasPod("default", name).isScheduledOn("node-1").decodedAs(Pod.class)
        .satisfies(stored -> assertThat(stored.getStatus().getPhase()).isEqualTo("Running"));
  }
}
