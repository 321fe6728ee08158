package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.DockerClientFactory;

/** A test JVM killed with SIGTERM, as CI does on a timeout, still removes what its control plane made. */
class CleanupOnExitTest {

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PROCESS", "CONTAINER"})
  void terminatedJvmLeavesNoProcessContainerNetworkOrDirectory(Backend backend) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "-Dapi.version=1.41", AbandonedControlPlane.class.getName(), backend.name())
        .redirectErrorStream(true).start();
    Map<String, String> printed = new HashMap<>();
    try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null && !line.equals("ready"); line = output.readLine()) {
        int equals = line.indexOf('=');
        if (equals > 0 && List.of("id", "pki", "etcd").contains(line.substring(0, equals))) {
          printed.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
      assertThat(printed).as("the child started its control plane").containsKeys("id", "pki", "etcd");

      child.destroy(); // SIGTERM: shutdown hooks run
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }

    assertThat(Path.of(printed.get("pki"))).doesNotExist();
    URI etcd = URI.create(printed.get("etcd"));
    assertThat(listening(etcd)).as("etcd still answers at " + etcd).isFalse();
    if (backend == Backend.CONTAINER) {
      DockerClient docker = DockerClientFactory.instance().client();
      Map<String, String> ours = Map.of("io.github.etcdregistry.control-plane", printed.get("id"));
      assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(ours).exec()).isEmpty();
      assertThat(docker.listNetworksCmd().exec()).noneMatch(network -> network.getLabels() != null
          && printed.get("id").equals(network.getLabels().get("io.github.etcdregistry.control-plane")));
    }
  }

  private static boolean listening(URI url) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 500);
      return true;
    } catch (java.io.IOException refused) {
      return false;
    }
  }
}
