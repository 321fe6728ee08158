package io.github.etcdregistry.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.registry.KeyLayout;
import io.github.etcdregistry.registry.StorageTable;
import io.github.etcdregistry.registry.StorageTable.StoredResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FamilyExplanationsTest {

  private final KeyLayout layout = KeyLayout.standard();

  @ParameterizedTest
  @ValueSource(strings = {"apiregistration.k8s.io/apiservices", "clusterroles", "clusterrolebindings", "roles", "rolebindings",
      "serviceaccounts", "configmaps", "controllerrevisions", "daemonsets", "deployments", "minions", "namespaces", "pods",
      "ranges/serviceips", "ranges/servicenodeports", "secrets", "services/specs", "services/endpoints"})
  void everyFamilyOfTheSeedArticleHasItsOwnLine(String family) {
    assertThat(FamilyExplanations.explain(family, layout)).doesNotContain("objects (").doesNotContain("does not know");
  }

  @Test
  void everyFamilyKubernetesStoresIsExplained() {
    for (StoredResource stored : StorageTable.of(StorageTable.DEFAULT_VERSION).resources()) {
      String family = stored.keyPrefix().substring(layout.prefix().length() + 1, stored.keyPrefix().length() - 1);
      assertThat(FamilyExplanations.explain(family, layout)).as(family).doesNotContain("does not know");
    }
  }

  @Test
  void whatMovedSinceKubernetes110IsSaid() {
    assertThat(FamilyExplanations.explain("ranges/serviceips", layout))
        .contains("DisableAllocatorDualWrite", "1.34", "/registry/ipaddresses", "/registry/servicecidrs");
    assertThat(FamilyExplanations.explain("podsecuritypolicy", layout)).contains("removed in Kubernetes 1.25");
  }

  @Test
  void otherFamiliesAreExplainedFromTheKeyLayout() {
    assertThat(FamilyExplanations.explain("jobs", layout)).isEqualTo("Job objects (batch/jobs, namespaced)");
    assertThat(FamilyExplanations.explain("ingress", layout)).startsWith("Ingress objects (networking.k8s.io/ingresses, namespaced); ");
    assertThat(FamilyExplanations.explain("stable.example.com/crontabs", layout))
        .startsWith("custom resources crontabs.stable.example.com, defined by a CustomResourceDefinition");
    assertThat(FamilyExplanations.explain("ranges/somethingnew", layout)).contains("RangeAllocation");
    assertThat(FamilyExplanations.explain("gadgets", layout)).contains("does not know", "/registry/gadgets/");
  }
}
