package io.github.etcdregistry.registry;

import java.nio.file.Path;

/**
 * Starts a throwaway etcd from a snapshot file, for {@link EtcdRegistry#fromSnapshot(Path)}.
 *
 * <p>Reading a registry needs no processes, so this module only declares the service; etcd-registry-extension,
 * which starts etcd, provides it through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.github.etcdregistry.registry.SnapshotRestorer}). Another implementation — one that
 * runs etcd in a container, say — can take its place on the class path.
 */
public interface SnapshotRestorer {

  /**
   * Restores {@code snapshot} into a new etcd and returns a registry reading it; closing the registry stops that
   * etcd and removes its files.
   */
  EtcdRegistry restore(Path snapshot);
}
