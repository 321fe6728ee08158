package io.github.etcdregistry.pki;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A PEM certificate and its PKCS#8 PEM private key on disk.
 *
 * @param certificate the certificate file ({@code <name>.crt})
 * @param privateKey the private key file ({@code <name>.key}), readable by the owner only
 */
public record CertificateFiles(Path certificate, Path privateKey) {

  public CertificateFiles {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }
}
