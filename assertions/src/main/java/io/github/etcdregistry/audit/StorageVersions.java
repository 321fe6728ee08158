package io.github.etcdregistry.audit;

import io.github.etcdregistry.registry.StorageTable;
import java.util.Optional;

/**
 * The apiVersion kube-apiserver writes the objects of a resource at — its storage version. An object stored at
 * another version is still readable, but a release that stops serving that version can no longer decode it
 * until it is rewritten (a storage version migration).
 *
 * <p>The audit asks only this question: {@link #kubernetes(String)} answers it from the table generated from
 * Kubernetes' own {@code test/integration/etcd/data.go} for each release; any other table plugs in as a lambda.
 */
@FunctionalInterface
public interface StorageVersions {

  /**
   * The apiVersion objects of {@code resource} in {@code group} are stored at, e.g. {@code "v1"} for pods,
   * {@code "autoscaling/v2"} for horizontalpodautoscalers; empty when this table does not know the resource.
   *
   * @param group    the API group, {@code ""} for the core group
   * @param resource the plural resource name, e.g. {@code "deployments"}
   */
  Optional<String> storageVersion(String group, String resource);

  /** The storage versions of the Kubernetes release this project is built and tested against by default. */
  static StorageVersions kubernetes() {
    return kubernetes(StorageTable.DEFAULT_VERSION);
  }

  /**
   * The storage versions of one Kubernetes release ({@code "1.35"}, {@code "v1.36.3"}), from the table generated from
   * its {@code test/integration/etcd/data.go}.
   */
  static StorageVersions kubernetes(String kubernetesVersion) {
    StorageTable table = StorageTable.of(kubernetesVersion);
    return new StorageVersions() {
      @Override
      public Optional<String> storageVersion(String group, String resource) {
        return table.lookup(group, resource).map(StorageTable.StoredResource::storedApiVersion);
      }

      @Override
      public String toString() {
        return "Kubernetes " + table.kubernetesVersion() + " storage versions";
      }
    };
  }

  /** This table, and {@code fallback} for what it does not know. */
  default StorageVersions orElse(StorageVersions fallback) {
    return (group, resource) -> {
      Optional<String> mine = storageVersion(group, resource);
      return mine.isPresent() ? mine : fallback.storageVersion(group, resource);
    };
  }
}
