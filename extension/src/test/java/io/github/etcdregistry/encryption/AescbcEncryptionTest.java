package io.github.etcdregistry.encryption;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;

@WithEtcdRegistry(kubeApiServer = true, encryption = "aescbc", backend = Backend.CONTAINER)
class AescbcEncryptionTest extends EncryptedSecretContract {

  @Override
  String provider() {
    return "aescbc";
  }
}
