package io.github.etcdregistry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The storage versions that are not the group's v1, as data.go of Kubernetes 1.37 expects them. */
class StorageVersionsTest {

  private final StorageVersions kubernetes = StorageVersions.kubernetes();

  @Test
  void builtInResourcesAreStoredAtTheirGroupsV1() {
    assertThat(kubernetes.storageVersion("", "pods")).contains("v1");
    assertThat(kubernetes.storageVersion("apps", "deployments")).contains("apps/v1");
    assertThat(kubernetes.storageVersion("rbac.authorization.k8s.io", "clusterroles")).contains("rbac.authorization.k8s.io/v1");
  }

  @Test
  void theExceptionsAreTheirOwn() {
    assertThat(kubernetes.storageVersion("autoscaling", "horizontalpodautoscalers")).contains("autoscaling/v2");
    assertThat(kubernetes.storageVersion("apiextensions.k8s.io", "customresourcedefinitions")).contains("apiextensions.k8s.io/v1beta1");
    assertThat(kubernetes.storageVersion("events.k8s.io", "events")).contains("v1");
  }

  @Test
  void customResourcesAreLeftToTheirDefinitionOrAnotherTable() {
    assertThat(kubernetes.storageVersion("stable.example.com", "crontabs")).isEmpty();
    StorageVersions withCrontabs = kubernetes.orElse((group, resource) -> Optional.of(group + "/v2"));
    assertThat(withCrontabs.storageVersion("stable.example.com", "crontabs")).contains("stable.example.com/v2");
    assertThat(withCrontabs.storageVersion("", "pods")).contains("v1");
  }
}
