package io.github.etcdregistry.samples.tour;

import io.github.etcdregistry.assertions.NearestKeys;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.report.HtmlReport;
import io.github.etcdregistry.report.KeyNode;
import io.github.etcdregistry.report.RegistryTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The seed article's tour of {@code /registry}, in one command: boots etcd and kube-apiserver over mutual TLS,
 * creates what the article looks at, then lists every key grouped by family, explains each family, decodes values
 * on request and writes an HTML report.
 */
@Command(name = "tour", sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Boots etcd and kube-apiserver (mutual TLS, fresh certificates) with simulated nodes, creates a Pod, a Deployment, a"
            + " Secret, a custom resource and more, then tours what Kubernetes stored under /registry in etcd: every key grouped"
            + " by family, each family explained, every value decodable.",
        ""},
    footer = {"", "Everything the tour starts or writes (processes, containers, certificates) is removed when it ends."})
public final class RegistryTour implements Callable<Integer> {

  static final String POD_KEY = "/registry/pods/" + TourObjects.NAMESPACE + "/nginx";
  private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
  /**
   * gRPC (under jetcd) logs through java.util.logging, under its relocated name in the published jar; held here,
   * since the logging keeps its loggers weakly.
   */
  private static final List<Logger> GRPC_LOGS =
      List.of(Logger.getLogger("io.grpc"), Logger.getLogger("io.github.etcdregistry.internal.shaded.io.grpc"));

  @Option(names = "--backend", defaultValue = "process", paramLabel = "auto|container|process",
      description = "How etcd and kube-apiserver run: local processes (default), containers, or auto (containers when Docker answers).")
  private Backend backend;

  @Option(names = "--no-controller-manager", negatable = false,
      description = "Run without kube-controller-manager, and so without nodes: nothing then writes Endpoints, ControllerRevisions"
          + " or ReplicaSets, and the tour creates the first two itself.")
  private boolean withoutControllerManager;

  @Option(names = "--nodes", defaultValue = "2", paramLabel = "<n>",
      description = "Simulated nodes node-1 to node-<n> (default: ${DEFAULT-VALUE}): kube-scheduler binds the Pods to them, kwok"
          + " plays their kubelet. 0 for none: Pods then stay Pending.")
  private int nodes;

  @Option(names = "--show", paramLabel = "<key>", description = "Print the decoded value of this key as YAML (repeatable), e.g. " + POD_KEY + ".")
  private List<String> keysToShow = new ArrayList<>();

  @Option(names = "--show-all", description = "Print the decoded value of every key.")
  private boolean showAll;

  @Option(names = "--reveal-secrets", description = "Show the values of Secrets in printed values and in the HTML report (redacted by default).")
  private boolean revealSecrets;

  @Option(names = "--etcdctl", description = "Print etcdctl command lines for this etcd, with kube-apiserver's client certificate.")
  private boolean etcdctl;

  @Option(names = "--html", paramLabel = "<file>", defaultValue = "target/registry-tour.html",
      description = "Where to write the HTML report (default: ${DEFAULT-VALUE}).")
  private Path htmlFile;

  @Option(names = "--keep-running", description = "Keep etcd and kube-apiserver up until Enter or Ctrl-C, to look around with etcdctl and kubectl.")
  private boolean keepRunning;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Spec
  private CommandSpec spec;

  private final InputStream stdin;

  public RegistryTour() {
    this(System.in);
  }

  RegistryTour(InputStream stdin) {
    this.stdin = stdin;
  }

  public static void main(String[] args) {
    // The tour's output is for people: libraries may warn, not chat (Testcontainers through slf4j-simple, gRPC).
    if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
      System.setProperty(SIMPLE_LOGGER_LEVEL, "warn");
    }
    GRPC_LOGS.forEach(log -> log.setLevel(Level.WARNING));
    System.exit(commandLine(new RegistryTour()).execute(args));
  }

  /** The command line around a tour: case-insensitive backend names, and failures told in one line, not a stack trace. */
  static CommandLine commandLine(RegistryTour tour) {
    return new CommandLine(tour)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
          commandLine.getErr().println("tour: " + exception.getMessage());
          commandLine.getErr().flush();
          return 1;
        });
  }

  @Override
  public Integer call() throws InterruptedException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    int simulatedNodes = withoutControllerManager ? 0 : nodes;
    out.println("Starting etcd, kube-apiserver" + (withoutControllerManager ? "" : simulatedNodes == 0 ? " and kube-controller-manager"
        : ", kube-controller-manager, kube-scheduler and kwok with " + simulatedNodes + " simulated nodes") + " ("
        + backend.name().toLowerCase(Locale.ROOT) + " backend) ...");
    out.flush();
    ControlPlane controlPlane = new ControlPlane().withBackend(backend).withKubeApiServer(true)
        .withKubeControllerManager(!withoutControllerManager).withNodes(simulatedNodes);
    // Ctrl-C or a kill ends the JVM without running finally blocks: close there too, certificates and data included.
    Thread closeAtExit = new Thread(controlPlane::close, "tour: stop the control plane");
    Runtime.getRuntime().addShutdownHook(closeAtExit);
    try {
      controlPlane.start();
      String kubernetesVersion = controlPlane.kubernetesClient().getKubernetesVersion().getGitVersion();
      out.println("etcd " + controlPlane.etcdEndpoint() + ", read with kube-apiserver's own client certificate, as the seed"
          + " article borrows it from /etc/kubernetes/pki: " + controlPlane.pki().apiserverEtcdClientCert());
      out.println("kube-apiserver " + kubernetesVersion + " at " + controlPlane.kubeApiServerUrl());
      out.println();
      TourObjects.create(controlPlane.kubernetesClient(), !withoutControllerManager, simulatedNodes, out);

      RegistryTree tree = RegistryTree.of(controlPlane.registry());
      TreePrinter printer = new TreePrinter(out);
      printer.printTree(tree);
      int exitCode = showValues(tree, printer);
      Path html = HtmlReport.of(tree).titled("Registry tour — Kubernetes " + kubernetesVersion)
          .revealingSecretValues(revealSecrets).writeTo(htmlFile).toAbsolutePath();
      out.println("HTML report: " + html + (revealSecrets ? " (with Secret values: do not share it)" : ""));
      out.println();
      if (etcdctl) {
        printEtcdctl(controlPlane, out);
      }
      SeedFamilies.printSummary(tree, kubernetesVersion, out);
      if (keepRunning) {
        waitForEnter(controlPlane, out);
      }
      return exitCode;
    } finally {
      out.println("Stopping kube-apiserver and etcd, removing their files.");
      out.flush();
      controlPlane.close();
      removeShutdownHook(closeAtExit);
    }
  }

  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // the JVM is already exiting and runs the hook, whose close() finds everything closed
    }
  }

  /** Prints the values asked for; 1 when a key asked for is not there. */
  private int showValues(RegistryTree tree, TreePrinter printer) {
    if (showAll) {
      tree.families().stream().flatMap(family -> family.keys().stream()).forEach(node -> printer.printValue(node, revealSecrets));
    }
    int exitCode = 0;
    for (String key : keysToShow) {
      Optional<KeyNode> node = tree.node(key);
      if (node.isPresent()) {
        printer.printValue(node.get(), revealSecrets);
      } else {
        PrintWriter err = spec.commandLine().getErr();
        err.println("tour: no key " + key + " in the registry." + similarKeys(tree, key));
        err.flush();
        exitCode = 1;
      }
    }
    return exitCode;
  }

  /** The keys nearest to the missing one, as a failed hasKey lists them, so a typo is quick to fix. */
  private static String similarKeys(RegistryTree tree, String key) {
    List<String> keys = tree.families().stream().flatMap(family -> family.keys().stream()).map(KeyNode::key).toList();
    NearestKeys nearest = NearestKeys.among(keys, tree.prefix(), key);
    return " Nearest keys under " + nearest.searchedUnder() + ": " + nearest.keys();
  }

  private void printEtcdctl(ControlPlane controlPlane, PrintWriter out) {
    Optional<String> binary = Optional.ofNullable(System.getenv("ETCDREGISTRY_ETCDCTL")).filter(path -> !path.isBlank());
    List<String> lines = EtcdctlLines.of(controlPlane.etcdctlCommand(), binary, POD_KEY);
    out.println("etcdctl with kube-apiserver's client certificate" + (keepRunning ? ":" : " (works while the tour runs: add --keep-running):"));
    out.println("  list the keys:        " + lines.get(0));
    out.println("  read the Pod's bytes: " + lines.get(1));
    out.println();
  }

  private void waitForEnter(ControlPlane controlPlane, PrintWriter out) throws InterruptedException, IOException {
    out.println();
    out.println("etcd and kube-apiserver keep running. In another terminal:");
    out.println("  kubectl --kubeconfig " + controlPlane.kubeconfig() + " get pods -n " + TourObjects.NAMESPACE);
    out.println("  scripts/etcd-registry audit --endpoints=" + controlPlane.etcdEndpoint() + " --cacert=" + controlPlane.pki().etcdCaCert()
        + " --cert=" + controlPlane.pki().apiserverEtcdClientCert() + " --key=" + controlPlane.pki().apiserverEtcdClientKey());
    out.println("Run a test suite against it (backend EXISTING: nothing started, namespaces per test) with:");
    out.println("  mvn test " + controlPlane.existingClusterSettings().entrySet().stream()
        .map(setting -> "-D" + setting.getKey() + "=" + setting.getValue()).collect(java.util.stream.Collectors.joining(" ")));
    out.println("Press Enter (or Ctrl-C) to stop them and remove everything.");
    out.flush();
    if (new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine() == null) {
      out.println("Standard input is closed: press Ctrl-C to stop.");
      out.flush();
      new CountDownLatch(1).await(); // until Ctrl-C: the exit hook then stops and removes everything
    }
  }
}
