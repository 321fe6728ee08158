package compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.binaries.Platform;
import io.github.etcdregistry.controlplane.DefaultVersions;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one dependency brought the binaries of the platform this build runs on, and only those: Maven activated the
 * binary POMs' OS profiles for it.
 */
class D_BinaryArtifactsTest {

  @Test
  void theBinariesOfThisPlatformAndNoOtherAreOnTheTestClassPath() throws IOException {
    List<String> held = new ArrayList<>();
    for (URL list : Collections.list(getClass().getClassLoader().getResources("META-INF/etcd-registry/binaries.list"))) {
      try (InputStream in = list.openStream()) {
        held.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
      }
    }
    String platform = Platform.current().toString();
    String etcd = DefaultVersions.ETCD;

    assertThat(held).containsExactlyInAnyOrder(platform + "/etcd-" + etcd, platform + "/kube-apiserver-" + KubernetesVersion.DEFAULT,
        platform + "/kube-controller-manager-" + KubernetesVersion.DEFAULT, platform + "/kube-scheduler-" + KubernetesVersion.DEFAULT);
  }
}
