package io.github.etcdregistry.encryption;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;

@WithEtcdRegistry(kubeApiServer = true, encryption = "secretbox", backend = Backend.PROCESS)
class SecretboxEncryptionTest extends EncryptedSecretContract {

  @Override
  String provider() {
    return "secretbox";
  }
}
