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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.DockerClientFactory;

/**
 * A test JVM killed with SIGTERM, as CI does on a timeout, still removes what its control plane made; one killed
 * with SIGKILL takes its processes with it, and the next start removes its containers, network and directories.
 */
class CleanupOnExitTest {

  private static final String CONTROL_PLANE_LABEL = "io.github.etcdregistry.control-plane";

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PROCESS", "CONTAINER"})
  void terminatedJvmLeavesNoProcessContainerNetworkOrDirectory(Backend backend) throws Exception {
    Process child = abandon(backend, "etcd");
    Map<String, String> printed = readUntilReady(child);
    child.destroy(); // SIGTERM: shutdown hooks run
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(Path.of(printed.get("pki"))).doesNotExist();
    URI etcd = URI.create(printed.get("etcd"));
    assertThat(listening(etcd)).as("etcd still answers at " + etcd).isFalse();
    if (backend == Backend.CONTAINER) {
      assertNoContainerOrNetwork(printed.get("id"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PROCESS", "CONTAINER"})
  void killedJvmLeavesNothingOnceTheNextControlPlaneStarts(Backend backend) throws Exception {
    Process child = abandon(backend, "nodes"); // every component, kube-scheduler and kwok included
    Map<String, String> printed = readUntilReady(child);
    child.destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

    String pki = printed.get("pki");
    String work = printed.get("work"); // in every component's command line: its kubeconfig, certificates or data
    if (backend == Backend.PROCESS) { // the guards stop every component on their own, next start or not
      awaitNoProcessMentioning(work, Duration.ofSeconds(10));
    }
    // no check that the directories and containers are still there: any control plane starting on this machine
    // meanwhile (another test run) may already have removed them, as it should

    try (ControlPlane next = new ControlPlane().withBackend(backend)) {
      next.start();
    }

    assertThat(Path.of(pki)).doesNotExist();
    assertThat(Path.of(work)).doesNotExist();
    awaitNoProcessMentioning(work, Duration.ZERO);
    for (String endpoint : List.of("etcd", "kube-apiserver")) {
      URI url = URI.create(printed.get(endpoint));
      assertThat(listening(url)).as(endpoint + " still answers at " + url).isFalse();
    }
    if (backend == Backend.CONTAINER) {
      assertNoContainerOrNetwork(printed.get("id"));
    }
  }

  /** {@code components}: {@code etcd}, {@code kube-apiserver} or {@code nodes}, as {@link AbandonedControlPlane} takes them. */
  private static Process abandon(Backend backend, String components) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "-Dapi.version=1.41", AbandonedControlPlane.class.getName(), backend.name(),
        components)
        .redirectErrorStream(true).start();
  }

  /** Reads the child's {@code name=value} lines up to {@code ready}; the output pipe stays open for the child. */
  private static Map<String, String> readUntilReady(Process child) throws Exception {
    Map<String, String> printed = new HashMap<>();
    BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = output.readLine(); line != null && !line.equals("ready"); line = output.readLine()) {
      seen.append(line).append('\n');
      int equals = line.indexOf('=');
      if (equals > 0 && List.of("id", "pki", "etcd", "work", "kube-apiserver").contains(line.substring(0, equals))) {
        printed.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    if (!printed.containsKey("id")) {
      child.destroyForcibly();
    }
    assertThat(printed).as("the child started its control plane; it printed:%n%s", seen).containsKeys("id", "pki", "etcd");
    return printed;
  }

  private static void awaitNoProcessMentioning(String text, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    List<String> left;
    do {
      left = ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().map(line -> line.contains(text)).orElse(false))
          .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
          .toList();
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    assertThat(left).as("processes of the killed run").isEmpty();
  }

  private static List<?> containersOf(String id) {
    return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(CONTROL_PLANE_LABEL, id)).exec();
  }

  private static void assertNoContainerOrNetwork(String id) {
    DockerClient docker = DockerClientFactory.instance().client();
    assertThat(containersOf(id)).isEmpty();
    assertThat(docker.listNetworksCmd().exec()).noneMatch(network -> network.getLabels() != null
        && id.equals(network.getLabels().get(CONTROL_PLANE_LABEL)));
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
