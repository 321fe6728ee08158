package io.github.etcdregistry.audit;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storage version of a custom resource, from its CustomResourceDefinition in the same registry: the version
 * marked {@code storage: true}. Objects written before the CRD moved its storage version stay at the old one.
 */
final class CustomResourceStorageVersions implements StorageVersions {

  private final EtcdRegistry registry;
  private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

  CustomResourceStorageVersions(EtcdRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Optional<String> storageVersion(String group, String resource) {
    if (!group.contains(".")) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(group + "/" + resource, name -> read(group, resource));
  }

  private Optional<String> read(String group, String resource) {
    String key = registry.prefix() + "/apiextensions.k8s.io/customresourcedefinitions/" + resource + "." + group;
    try {
      return registry.get(key)
          .map(entry -> entry.decode().as(CustomResourceDefinition.class))
          .flatMap(crd -> crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage())).findFirst())
          .map(CustomResourceDefinitionVersion::getName)
          .map(version -> group + "/" + version);
    } catch (RuntimeException e) {
      return Optional.empty(); // encrypted with keys we lack, or not a CRD we can read: the version stays unknown
    }
  }
}
