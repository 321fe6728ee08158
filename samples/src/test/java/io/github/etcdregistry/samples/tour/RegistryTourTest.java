package io.github.etcdregistry.samples.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tour as a workshop runs it, in this JVM on the process backend, with its 2 simulated nodes unless
 * {@code --no-controller-manager}: what it prints, writes, and leaves behind.
 */
class RegistryTourTest {

  private static final String SECRET_KEY = "/registry/secrets/tour/db";
  private static final String SECRET_VALUE = "s3cr3t-value";
  private static final String SECRET_BASE64 = "czNjcjN0LXZhbHVl";

  @TempDir
  Path directory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void theTourPrintsTheTreeByFamilyAndKeepsSecretValuesOut() throws Exception {
    Path html = directory.resolve("tour.html");

    int exitCode = tour(new ByteArrayInputStream(new byte[0]),
        "--html", html.toString(), "--show", RegistryTour.POD_KEY, "--show", SECRET_KEY, "--show-all");

    assertThat(exitCode).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("kube-controller-manager wrote, in answer: Endpoints tour/web")
        .containsPattern("/registry/controllerrevisions/tour/store-[a-z0-9]+ +ControllerRevision +protobuf")
        .containsPattern("/registry/controllerrevisions/tour/agent-[a-z0-9]+ +ControllerRevision +protobuf")
        .containsPattern("/registry/replicasets/tour/web-[a-z0-9]+ +ReplicaSet +protobuf")
        .containsPattern("/registry/services/endpoints/tour/web +Endpoints +protobuf")
        .contains("\nminions  (2 keys)\n  Nodes, stored under their pre-1.0 name \"minions\"")
        // the simulated nodes: kube-scheduler's bindings and Events, kwok's Nodes, Leases and Pod status
        .contains("\n  kube-scheduler bound each Pod to a node (spec.nodeName) and wrote an Event saying so (/registry/events)\n")
        .containsPattern("\n  kwok, playing the nodes' kubelet, .* tour/nginx is Running and Ready on node-[12], IP [0-9.]+\n")
        .containsPattern("/registry/minions/node-1 +Node +protobuf")
        .containsPattern("/registry/leases/kube-node-lease/node-2 +Lease +protobuf")
        .containsPattern("/registry/events/tour/nginx\\.[0-9a-f]+ +Event +protobuf")
        .contains("# /registry/leases/kube-node-lease/node-1 — Lease node-1 in namespace kube-node-lease — the heartbeat of Node"
            + " node-1, which its kubelet renews every 10 s")
        .contains("\nservices/specs  (2 keys)\n", "\nstable.example.com/crontabs  (1 key)\n")
        .containsPattern("/registry/pods/tour/nginx +Pod +protobuf +\\d+ B +create \\d+ +mod \\d+")
        .containsPattern("/registry/stable.example.com/crontabs/tour/my-cron +CronTab +json ")
        .contains("# /registry/pods/tour/nginx — Pod nginx in namespace tour", "image: nginx:1.27")
        .contains("password: <redacted>", "HTML report: " + html)
        .doesNotContain(SECRET_VALUE, SECRET_BASE64);
    assertThat(shown(RegistryTour.POD_KEY)).as("the Pod as stored: bound, and its status from the node's kubelet")
        .containsPattern("\n  nodeName: node-[12]\n").contains("\n  phase: Running\n", "\n  podIP: ");
    assertThat(Files.readString(html)).contains("data-key=\"/registry/pods/tour/nginx\"").doesNotContain(SECRET_VALUE, SECRET_BASE64);
    assertThat(missingSeedFamilies()).as("only what moved since 1.10 may be missing").isSubsetOf("ranges/serviceips");
    assertThat(out.toString()).containsPattern("on Kubernetes v1\\.\\d+\\.\\d+: 1[78] of 18 present");
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "ETCDREGISTRY_ETCDCTL", matches = ".+", disabledReason = "control-plane/build exports it")
  void whileTheTourKeepsRunningThePrintedEtcdctlLinesWork() throws Exception {
    PipedOutputStream enter = new PipedOutputStream();
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try (PipedInputStream stdin = new PipedInputStream(enter)) {
      Future<Integer> exitCode = runner.submit(() -> tour(stdin, "--no-controller-manager", "--keep-running", "--etcdctl",
          "--reveal-secrets",
          "--show", SECRET_KEY, "--html", directory.resolve("tour.html").toString()));
      awaitOutput("Press Enter", exitCode);

      String keys = shell(line("list the keys"));
      String podBytes = shell(line("read the Pod's bytes"));
      Path kubeconfig = Path.of(find("kubectl --kubeconfig (\\S+)"));
      assertThat(keys).contains("/registry/pods/tour/nginx", "/registry/minions/worker-1", "/registry/ranges/servicenodeports");
      assertThat(podBytes).as("the k8s\\0 magic of a protobuf value").contains("6b 38 73 00");
      assertThat(kubeconfig).isRegularFile();
      assertThat(find("(scripts/etcd-registry audit --endpoints=https://\\S+ --cacert=\\S+ --cert=\\S+ --key=\\S+)"))
          .contains("/etcd/ca.crt", "/apiserver-etcd-client.crt", "/apiserver-etcd-client.key"); // kube-apiserver's own etcd client

      enter.write('\n');
      enter.flush();
      assertThat(exitCode.get(2, TimeUnit.MINUTES)).as(err.toString()).isZero();
      assertThat(kubeconfig).as("removed when the tour ends").doesNotExist();
      assertThat(out.toString()).contains("password: " + SECRET_BASE64) // asked for with --reveal-secrets
          .contains("ControllerRevision tour/store-1 — created directly: without kube-controller-manager nothing writes it")
          .contains("Endpoints tour/web — created directly");
    } finally {
      runner.shutdownNow();
    }
  }

  @Test
  void helpNamesEveryOption() {
    int exitCode = tour(new ByteArrayInputStream(new byte[0]), "--help");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).contains("--backend=auto|container|process", "--show=<key>", "--show-all", "--reveal-secrets",
        "--etcdctl", "--html=<file>", "target/registry-tour.html", "--keep-running", "--nodes=<n>");
  }

  private int tour(InputStream stdin, String... args) {
    return RegistryTour.commandLine(new RegistryTour(stdin))
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  /** The value --show printed for {@code key}, up to the blank line that ends it. */
  private String shown(String key) {
    return find("(?s)\n# " + Pattern.quote(key) + " — (.*?)\n\n");
  }

  private List<String> missingSeedFamilies() {
    return Pattern.compile("\n  missing (\\S+):").matcher(out.toString()).results().map(result -> result.group(1)).toList();
  }

  private void awaitOutput(String text, Future<Integer> tour) throws Exception {
    long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(3); // a guard against a hung tour, not a measurement
    while (!out.toString().contains(text)) {
      if (tour.isDone()) {
        throw new AssertionError("The tour ended (exit code " + tour.get() + ") before printing '" + text + "':\n" + out + err);
      }
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("The tour did not print '" + text + "':\n" + out + err);
      }
      Thread.sleep(100);
    }
  }

  private String line(String label) {
    return find(Pattern.quote(label) + ": +(.+)");
  }

  private String find(String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(out.toString());
    assertThat(matcher.find()).as("output has " + regex + ":\n" + out).isTrue();
    return matcher.group(1);
  }

  private static String shell(String commandLine) throws IOException, InterruptedException {
    Process shell = new ProcessBuilder("bash", "-c", commandLine).redirectErrorStream(true).start();
    String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shell.waitFor()).as(commandLine + "\n" + output).isZero();
    return output;
  }
}
