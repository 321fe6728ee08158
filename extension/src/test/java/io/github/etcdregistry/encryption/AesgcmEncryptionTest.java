package io.github.etcdregistry.encryption;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;

@WithEtcdRegistry(kubeApiServer = true, encryption = "aesgcm", backend = Backend.PROCESS)
class AesgcmEncryptionTest extends EncryptedSecretContract {

  @Override
  String provider() {
    return "aesgcm";
  }
}
