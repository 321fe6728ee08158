package io.github.etcdregistry.controlplane.internal.etcd;

import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.SnapshotRestorer;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link EtcdRegistry#fromSnapshot(Path)} finds through {@link java.util.ServiceLoader}: an etcd-only
 * {@link ControlPlane} started from the snapshot; closing the registry stops it and removes its files.
 *
 * <p>Internal: public only for {@code ServiceLoader}; not part of the API.
 */
public final class SnapshotRestorerService implements SnapshotRestorer {

  @Override
  public EtcdRegistry restore(Path snapshot) {
    ControlPlane etcd = new ControlPlane().withRestoredSnapshot(snapshot);
    etcd.start();
    try {
      return EtcdRegistry.builder()
          .endpoints(List.of(etcd.etcdEndpoint()))
          .trustedCa(etcd.pki().etcdCaCert())
          .clientCertificate(etcd.pki().apiserverEtcdClientCert(), etcd.pki().apiserverEtcdClientKey())
          .closing(etcd)
          .build();
    } catch (RuntimeException e) {
      etcd.close();
      throw e;
    }
  }
}
