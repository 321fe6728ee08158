package io.github.etcdregistry.workshop.lessons;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static io.github.etcdregistry.workshop.Blanks.___;
import static io.github.etcdregistry.workshop.Blanks.___N;
import static io.github.etcdregistry.workshop.Blanks.todo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.etcdregistry.workshop.Expect;
import io.github.etcdregistry.workshop.LessonObjects;
import io.github.etcdregistry.workshop.Workshop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 7 — What changed since 1.10: serviceips became ipaddresses and servicecidrs.
 *
 * <p>In namespace {@code lesson7}: Service {@code web}, which kube-apiserver gives a ClusterIP. The seed article
 * found one bitmap key for all ClusterIPs; since 1.34 each ClusterIP is an object of its own.
 */
@Workshop
class Lesson7SinceOneTenTest {

  private static KubernetesClient kube;

  @BeforeAll
  static void create(KubernetesClient client) {
    kube = client;
    LessonObjects.sinceOneTen(kube);
  }

  @Test
  void theClusterIpBitmapIsGone() {
    assertThatRegistry().doesNotHaveKey("/registry/ranges/serviceips");
    // The NodePort allocator kept its bitmap: how many keys are left under /registry/ranges/?
    Expect.countUnder("/registry/ranges/", 1);
  }

  @Test
  void eachClusterIpIsAnIpAddressObject() {
    String clusterIp = kube.services().inNamespace("lesson7").withName("web").get().getSpec().getClusterIP();
    HasMetadata ipAddress = kube.genericKubernetesResources(networking("ipaddresses", "IPAddress")).withName(clusterIp).get();
    // An IPAddress is named after the address itself, and belongs to no namespace.
    Expect.keyOf(ipAddress, "/registry/ipaddresses/" + clusterIp);
  }

  @Test
  void clusterIpsComeFromAServiceCidr() {
    // How many ServiceCIDRs are there? kube-apiserver makes one from --service-cluster-ip-range.
    Expect.countUnder("/registry/servicecidrs/", 1);
    String name = kube.genericKubernetesResources(networking("servicecidrs", "ServiceCIDR")).list().getItems().get(0).getMetadata().getName();
    HasMetadata serviceCidr = kube.genericKubernetesResources(networking("servicecidrs", "ServiceCIDR")).withName(name).get();
    Expect.keyOf(serviceCidr, "/registry/servicecidrs/kubernetes");
  }

  private static ResourceDefinitionContext networking(String plural, String kind) {
    return new ResourceDefinitionContext.Builder().withGroup("networking.k8s.io").withVersion("v1").withPlural(plural).withKind(kind)
        .withNamespaced(false).build();
  }
}
