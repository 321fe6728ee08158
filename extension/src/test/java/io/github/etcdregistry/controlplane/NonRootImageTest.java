package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import io.github.etcdregistry.binaries.Binaries;
import io.github.etcdregistry.binaries.Bundle;
import io.github.etcdregistry.binaries.Platform;
import io.github.etcdregistry.pki.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * A hardened image that runs as another user ({@code USER 65532}, as distroless and many mirrors' images do) still reads
 * the private keys, which are copied in owned by root with mode 0600: components run as root explicitly.
 */
class NonRootImageTest {

  @Test
  void etcdFromAnImageThatRunsAsAnotherUserStartsAndServes() throws Exception {
    DockerClient docker = DockerClientFactory.instance().client();
    DockerImageName image = DockerImageName.parse("etcd-registry/etcd-nonroot:" + UUID.randomUUID().toString().substring(0, 8));
    Path context = Files.createTempDirectory("etcd-nonroot-");
    try {
      Files.copy(etcdBinary(), context.resolve("etcd"));
      Path dockerfile = Files.writeString(context.resolve("Dockerfile"),
          "FROM scratch\nCOPY etcd /usr/local/bin/etcd\nUSER 65532:65532\nENTRYPOINT [\"/usr/local/bin/etcd\"]\n");
      docker.buildImageCmd().withBaseDirectory(context.toFile()).withDockerfile(dockerfile.toFile())
          .withTags(Set.of(image.asCanonicalNameString())).withPull(false)
          .exec(new BuildImageResultCallback()).awaitImageId(2, TimeUnit.MINUTES);
      assertThat(docker.inspectImageCmd(image.asCanonicalNameString()).exec().getConfig().getUser()).isEqualTo("65532:65532");

      try (ControlPlane controlPlane = new ControlPlane().withBackend(Backend.CONTAINER).withImage(Component.ETCD, image)) {
        controlPlane.start();
        assertThat(controlPlane.registry().keys("/")).isEmpty();
      }
    } finally {
      Directories.deleteRecursively(context);
      docker.removeImageCmd(image.asCanonicalNameString()).withForce(true).exec();
    }
  }

  /** The etcd the process backend would run: configured, cached, or from the binary artifact. */
  private static Path etcdBinary() {
    Settings settings = Settings.fromSystem();
    return settings.get(Setting.ETCD_BINARY).map(setting -> Path.of(setting.value()))
        .orElseGet(() -> new Binaries(settings.cacheDirectory()).executable(Bundle.ETCD, "etcd", DefaultVersions.ETCD, Platform.current()));
  }
}
