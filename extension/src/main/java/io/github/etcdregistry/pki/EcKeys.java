package io.github.etcdregistry.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** ECDSA P-256 key pairs from the JDK's own provider: generation takes milliseconds. */
final class EcKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private EcKeys() {}

  static KeyPair generateP256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate EC secp256r1 keys", e);
    }
  }
}
