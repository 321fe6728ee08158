package io.github.etcdregistry.crds;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import io.github.etcdregistry.junit.TestNamespace;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@code crds = {...}}: CRDs from a directory and the class path are Established before the first test. */
@WithEtcdRegistry(backend = Backend.PROCESS, crds = {"src/test/resources/crds", "classpath:crds-extra/backups.yaml"})
class CrdsTest {

  @Test
  void customResourcesCanBeCreatedInTheFirstTest(KubernetesClient kube, TestNamespace ns) {
    // no wait here: the extension waited for Established, else the create would fail with 404
    kube.genericKubernetesResources(context("stable.example.com", "v1", "crontabs", true)).inNamespace(ns.name())
        .resource(object("stable.example.com/v1", "CronTab", "nightly", Map.of("cronSpec", "0 3 * * *", "image", "backup:1"))).create();
    kube.genericKubernetesResources(context("ops.example.com", "v1alpha1", "backups", true)).inNamespace(ns.name())
        .resource(object("ops.example.com/v1alpha1", "Backup", "daily", Map.of("keep", 7))).create();

    assertThatRegistry().hasResource("stable.example.com", "crontabs", ns.name(), "nightly").isJson()
        .decodedAs(GenericKubernetesResource.class)
        .satisfies(crontab -> assertThat(crontab.getAdditionalProperties()).extracting("spec").isEqualTo(
            Map.of("cronSpec", "0 3 * * *", "image", "backup:1")));
    assertThatRegistry().hasResource("ops.example.com", "backups", ns.name(), "daily").isJson();
    assertThatRegistry().keysUnder("/registry/apiextensions.k8s.io/customresourcedefinitions/").containsExactly(
        "/registry/apiextensions.k8s.io/customresourcedefinitions/backups.ops.example.com",
        "/registry/apiextensions.k8s.io/customresourcedefinitions/crontabs.stable.example.com",
        "/registry/apiextensions.k8s.io/customresourcedefinitions/widgets.stable.example.com");
  }

  @Test
  void aMissingLocationFailsTheClassBeforeAnythingStarts() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(MissingCrds.class)).execute().containerEvents()
        .assertThatEvents().haveExactly(1, finishedWithFailure(instanceOf(IllegalArgumentException.class),
            message(m -> m.contains("The CRD location src/test/resources/no-such-crds does not exist"))));
  }

  @Test
  void locationsAreReadWithClearErrors() {
    assertThat(CustomResourceDefinitions.read("src/test/resources/crds").names())
        .containsExactly("crontabs.stable.example.com", "widgets.stable.example.com");
    assertThatIllegalArgumentException().isThrownBy(() -> CustomResourceDefinitions.read("classpath:crds-extra/nope.yaml"))
        .withMessageContaining("is not on the class path");
    assertThatIllegalArgumentException().isThrownBy(() -> CustomResourceDefinitions.read("classpath:crds-extra"))
        .withMessageContaining("is a v1 ConfigMap, not an apiextensions.k8s.io/v1 CustomResourceDefinition");
  }

  /** The binary does not exist either: had the control plane started first, that would be the error. */
  @WithEtcdRegistry(backend = Backend.PROCESS, etcdBinary = "/nonexistent/etcd", crds = "src/test/resources/no-such-crds")
  static class MissingCrds {
    @Test
    void neverRuns() {
      throw new AssertionError("a class with a missing CRD location must not run");
    }
  }

  private static ResourceDefinitionContext context(String group, String version, String plural, boolean namespaced) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withPlural(plural).withNamespaced(namespaced).build();
  }

  private static GenericKubernetesResource object(String apiVersion, String kind, String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind).withNewMetadata().withName(name).endMetadata()
        .addToAdditionalProperties("spec", spec).build();
  }
}
