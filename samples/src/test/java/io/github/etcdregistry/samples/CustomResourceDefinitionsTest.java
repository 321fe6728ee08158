package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CRDs from files, Established before the first test; custom resources are stored as JSON. */
@WithEtcdRegistry(crds = "classpath:crds/backup.yaml")       // also a directory: "src/main/resources/crds"
class CustomResourceDefinitionsTest {

  @Test
  void customResourceIsStoredAsJson(KubernetesClient kube) {
    var backups = new ResourceDefinitionContext.Builder().withGroup("ops.example.com").withVersion("v1alpha1")
        .withPlural("backups").withNamespaced(true).build();
    kube.genericKubernetesResources(backups).resource(new GenericKubernetesResourceBuilder().withApiVersion("ops.example.com/v1alpha1")
        .withKind("Backup").withNewMetadata().withName("nightly").endMetadata().addToAdditionalProperties("spec", Map.of("keep", 7)).build())
        .create();

    assertThatRegistry().hasResource("ops.example.com", "backups", "default", "nightly").isJson().hasStoredApiVersion("ops.example.com/v1alpha1");
  }
}
