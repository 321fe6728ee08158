package io.github.etcdregistry.controlplane.internal.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.etcdregistry.binaries.Binaries;
import io.github.etcdregistry.binaries.Bundle;
import io.github.etcdregistry.binaries.Platform;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.pki.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Images built on this machine from a Linux binary of the Docker engine's architecture, so that the container backend
 * needs no registry: {@code FROM scratch} plus the static executable, tagged
 * {@code etcd-registry/kube-apiserver:v1.37.2-<first 12 hex digits of its SHA-256>} and labelled with the whole checksum, so
 * that another build of the same version never passes for this one. Built once per machine, by the first test that needs it.
 */
public final class LocalImages {

  /** The repository of every image built here; no registry has it, so such an image is never pulled. */
  public static final String REPOSITORY = "etcd-registry/";
  public static final String CHECKSUM_LABEL = ComponentContainer.LABEL + ".binary-sha256";

  private final Binaries binaries;

  public LocalImages(Binaries binaries) {
    this.binaries = binaries;
  }

  /** The local image of {@code component}, built now if it is not there; empty when no Linux binary of the engine's kind is at hand. */
  public Optional<DockerImageName> image(Bundle bundle, String component, String version) {
    Platform engine = enginePlatform();
    if (!binaries.has(bundle, version, engine)) {
      return Optional.empty();
    }
    Path executable = binaries.executable(bundle, component, version, engine);
    String checksum = binaries.sha256(bundle, component, version, engine);
    DockerImageName name = DockerImageName.parse(REPOSITORY + component + ":" + version + "-" + checksum.substring(0, 12));
    synchronized (LocalImages.class) {
      if (!present(name)) {
        build(name, executable, component, checksum);
      }
    }
    return Optional.of(name);
  }

  private static Platform enginePlatform() {
    return Platform.linux(DockerClientFactory.instance().getInfo().getArchitecture());
  }

  /** Whether the Docker engine has {@code name} already; an engine that cannot answer is an error, not an absence. */
  public static boolean present(DockerImageName name) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(name.asCanonicalNameString()).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private static void build(DockerImageName name, Path executable, String component, String checksum) {
    DockerClient docker = DockerClientFactory.instance().client();
    Path context = null;
    try {
      context = Files.createTempDirectory("etcd-registry-image-");
      Files.copy(executable, context.resolve(component));
      Path dockerfile = Files.writeString(context.resolve("Dockerfile"),
          "FROM scratch\nCOPY " + component + " /usr/local/bin/" + component + "\nENTRYPOINT [\"/usr/local/bin/" + component + "\"]\n");
      docker.buildImageCmd().withBaseDirectory(context.toFile()).withDockerfile(dockerfile.toFile())
          .withTags(Set.of(name.asCanonicalNameString())).withPull(false)
          .withLabels(Map.of(CHECKSUM_LABEL, checksum, ComponentContainer.LABEL + ".binary", component))
          .exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
    } catch (IOException | RuntimeException e) {
      throw new ControlPlaneException("Could not build the local image " + name + " from " + executable + ": " + e.getMessage()
          + ". Check that the Docker engine may build images, or set the image to run (etcdregistry.<component>.image).", e);
    } finally {
      if (context != null) {
        Directories.deleteRecursively(context);
      }
    }
  }
}
