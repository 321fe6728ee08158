package io.github.etcdregistry.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The coordinator: runs every measurement in a fresh child JVM (same options for every subject, each peer on the
 * classpath its own users get), then prints one Markdown report of medians, ratios and targets, and writes it to
 * {@code benchmarks/target/results.md}. Run it with {@code scripts/benchmark}.
 *
 * <p>Each section of the report is measured by a class of its own ({@link StartupSections}, {@link ReuseSection},
 * {@link DecodeSections}, {@link HeapSection}, {@link ScaleSection}, {@link NodesSection}), which keeps its method note
 * beside its figures.
 */
public final class BenchmarkMain {

  private final Config config;
  private final Report report = new Report();
  private final Children children;

  private BenchmarkMain(Config config) {
    this.config = config;
    this.children = new Children(config, report);
  }

  public static void main(String[] args) throws IOException {
    // Maven's exec:exec does not stop this JVM when Maven itself is stopped: follow it, so that the shutdown hooks
    // stop the running measurement and remove what it started.
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
      System.err.println("benchmark: the parent process ended; stopping");
      System.exit(130);
    }));
    Config config = Config.fromSystem();
    try {
      LoadGate.awaitQuietMachine(Config.maxLoadPerCpu(), Duration.ofMinutes(3));
    } catch (IllegalStateException | InterruptedException e) {
      System.err.println("benchmark: " + e.getMessage());
      System.exit(2);
    }
    BenchmarkMain benchmark = new BenchmarkMain(config);
    String markdown = benchmark.run();
    Files.createDirectories(config.results().getParent());
    Files.writeString(config.results(), markdown, StandardCharsets.UTF_8);
    System.out.println(markdown);
    System.err.println("benchmark: written to " + config.results() + " (child logs in " + benchmark.children.logs() + ")");
    System.exit(benchmark.children.oursFailed() ? 1 : 0);
  }

  private String run() {
    String loadBefore = Machine.loadAverage();
    Machine.header(config, report);
    try (LocalImages images = new LocalImages()) {
      String peerEtcdImage = null;
      String peerEtcdImageProblem = null;
      if (config.runs("etcd") || config.runs("apiserver")) {
        try {
          String base = config.etcdImage().orElseThrow(() -> new IllegalStateException(
              "ETCDREGISTRY_ETCD_IMAGE is not set (eval \"$(control-plane/build)\" sets it)"));
          peerEtcdImage = images.etcdWithOfficialLayout(base);
        } catch (RuntimeException e) {
          peerEtcdImageProblem = e.getMessage();
        }
      }
      StartupSections startup = new StartupSections(config, report, children);
      if (config.runs("etcd")) {
        startup.etcd(peerEtcdImage, peerEtcdImageProblem);
      }
      if (config.runs("apiserver")) {
        startup.apiServer(peerEtcdImage, peerEtcdImageProblem);
      }
      if (config.runs("reuse")) {
        new ReuseSection(config, report, children).run();
      }
      DecodeSections decoding = new DecodeSections(config, report, children);
      Path corpus = config.workDirectory().resolve("pod-corpus.bin");
      boolean corpusReady = (!config.runs("decode") && !config.runs("scan")) || decoding.corpus(corpus);
      if (config.runs("decode") && corpusReady) {
        decoding.decode(corpus);
      }
      if (config.runs("scan") && corpusReady) {
        decoding.scan(corpus);
      }
      if (config.runs("heap")) {
        new HeapSection(config, report, children).run();
      }
      if (config.runs("scale")) {
        new ScaleSection(config, report, children).run();
      }
      if (config.runs("nodes")) {
        new NodesSection(config, report, children).run();
      }
      List<String> peerImages = new ArrayList<>();
      if (peerEtcdImage != null) {
        peerImages.add(peerEtcdImage);
      }
      config.kubeApiServerImage().ifPresent(peerImages::add);
      List<String> leftovers = peerImages.isEmpty() ? List.of() : images.removeLeftoverPeerContainers(peerImages);
      if (!leftovers.isEmpty()) {
        report.problem("containers a peer left behind, removed now: " + String.join(", ", leftovers));
      }
    }
    report.header("Load average before / after: " + loadBefore + " / " + Machine.loadAverage()
        + " (other work on the machine makes every figure slower and noisier)");
    return report.markdown();
  }
}
