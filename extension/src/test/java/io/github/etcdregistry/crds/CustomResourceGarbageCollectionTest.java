package io.github.etcdregistry.crds;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.TestNamespace;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code crds = ...} with kube-controller-manager: the CRDs are applied before it starts, so its garbage collector
 * watches the custom resources from the start and deletes what a deleted one owned at once, not at its next discovery
 * 30 s later.
 */
class CustomResourceGarbageCollectionTest {

  private static final ResourceDefinitionContext CRONTABS = new ResourceDefinitionContext.Builder().withGroup("stable.example.com")
      .withVersion("v1").withPlural("crontabs").withNamespaced(true).build();

  @Nested
  @WithEtcdRegistry(kubeControllerManager = true, crds = "src/test/resources/crds", backend = Backend.PROCESS)
  class OnProcesses extends Scenarios {}

  @Nested
  @WithEtcdRegistry(kubeControllerManager = true, crds = "src/test/resources/crds", backend = Backend.CONTAINER)
  class InContainers extends Scenarios {}

  abstract static class Scenarios {

    @Test
    void aDeletedCustomResourceTakesTheConfigMapItOwnsWithIt(KubernetesClient kube, TestNamespace ns) {
      GenericKubernetesResource crontab = kube.genericKubernetesResources(CRONTABS).inNamespace(ns.name())
          .resource(new GenericKubernetesResourceBuilder().withApiVersion("stable.example.com/v1").withKind("CronTab")
              .withNewMetadata().withName("nightly").endMetadata()
              .addToAdditionalProperties("spec", Map.of("cronSpec", "0 3 * * *", "image", "backup:1")).build())
          .create();
      kube.configMaps().inNamespace(ns.name()).resource(new ConfigMapBuilder().withNewMetadata().withName("nightly-settings")
          .addNewOwnerReference().withApiVersion("stable.example.com/v1").withKind("CronTab").withName("nightly")
          .withUid(crontab.getMetadata().getUid()).endOwnerReference().endMetadata()
          .addToData("retention", "7d").build()).create();
      assertThatRegistry().hasConfigMap(ns.name(), "nightly-settings");

      kube.genericKubernetesResources(CRONTABS).inNamespace(ns.name()).withName("nightly")
          .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

      assertThatRegistry().within(Duration.ofSeconds(10)).doesNotHaveResource("", "configmaps", ns.name(), "nightly-settings");
    }
  }
}
