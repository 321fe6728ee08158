package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.pki.ClusterPki;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The PKI's files as a component sees them: the host paths for a process, the paths the files were copied to for
 * a container. The layout is {@link ClusterPki}'s; only the root differs.
 */
public record PkiPaths(ClusterPki pki, String root) {

  private static final String IN_CONTAINER = "/etc/kubernetes/pki";

  public static PkiPaths onHost(ClusterPki pki) {
    return new PkiPaths(pki, pki.directory().toString());
  }

  public static PkiPaths inContainer(ClusterPki pki) {
    return new PkiPaths(pki, IN_CONTAINER);
  }

  /** The file a getter of the PKI names, e.g. {@code of(ClusterPki::caCert)}. */
  public String of(Function<ClusterPki, Path> file) {
    return of(file.apply(pki));
  }

  /** Where the component finds {@code hostFile}, a file of the PKI on this machine. */
  public String of(Path hostFile) {
    return root + "/" + pki.directory().relativize(hostFile).toString().replace('\\', '/');
  }
}
