package io.github.etcdregistry.workshop;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.report.KeyNode;
import io.github.etcdregistry.report.RegistryTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The workshop's handout, one self-contained HTML page: per lesson its goal, the commands that run it, and the part
 * of the registry tree it is about, read from a real etcd after every lesson's objects were created. Secret values
 * are redacted, as in the registry report.
 */
public final class Handout {

  private final RegistryTree tree;
  private final RegistryTree treeWithNodes;
  private final String kubernetesVersion;

  private Handout(RegistryTree tree, RegistryTree treeWithNodes, String kubernetesVersion) {
    this.tree = tree;
    this.treeWithNodes = treeWithNodes;
    this.kubernetesVersion = kubernetesVersion;
  }

  /** The handout over {@code tree} for every lesson, read on Kubernetes {@code kubernetesVersion}. */
  public static Handout of(RegistryTree tree, String kubernetesVersion) {
    return of(tree, tree, kubernetesVersion);
  }

  /** The handout over {@code tree}, and {@code treeWithNodes} for the lessons on simulated nodes ({@link Lesson#nodes()}). */
  public static Handout of(RegistryTree tree, RegistryTree treeWithNodes, String kubernetesVersion) {
    return new Handout(tree, treeWithNodes, kubernetesVersion);
  }

  /**
   * Starts the lessons' control planes — etcd, kube-apiserver and kube-controller-manager; the same with simulated nodes
   * —, creates what the lessons create, and writes the handout to the first argument (default
   * {@code target/workshop-handout.html}).
   */
  public static void main(String[] args) {
    Path file = Path.of(args.length > 0 ? args[0] : "target/workshop-handout.html");
    String backendName = System.getProperty("etcdregistry.backend", System.getenv().getOrDefault("ETCDREGISTRY_BACKEND", "process"));
    Backend backend = Backend.valueOf(backendName.toUpperCase(Locale.ROOT));
    try (ControlPlane controlPlane = new ControlPlane().withBackend(backend).withKubeApiServer(true).withKubeControllerManager(true);
        ControlPlane withNodes = new ControlPlane().withBackend(backend).withKubeApiServer(true)
            .withNodes(Lesson.SCHEDULER_AND_KUBELET.nodes())) {
      controlPlane.start();
      withNodes.start();
      LessonObjects.createAll(controlPlane.kubernetesClient());
      LessonObjects.schedulerAndKubelet(withNodes.kubernetesClient());
      String version = controlPlane.kubernetesClient().getKubernetesVersion().getGitVersion();
      Path written = of(RegistryTree.of(controlPlane.registry()), RegistryTree.of(withNodes.registry()), version).writeTo(file);
      System.out.println("Workshop handout: " + written.toAbsolutePath());
    }
  }

  /** The keys of {@code lesson}'s part of its tree, in key order. */
  public List<KeyNode> keysOf(Lesson lesson) {
    return (lesson.nodes() > 0 ? treeWithNodes : tree).families().stream().flatMap(family -> family.keys().stream())
        .filter(node -> lesson.keyPrefixes().stream().anyMatch(node.key()::startsWith))
        .sorted(Comparator.comparing(KeyNode::key))
        .toList();
  }

  public String render() {
    StringBuilder page = new StringBuilder(32 * 1024);
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Workshop: what Kubernetes stores in etcd</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<header>\n<h1>Workshop: what Kubernetes stores in etcd</h1>\n")
        .append("<p>Nine lessons, each a test class with blanks (<code>___</code>, <code>___N</code>, <code>todo(...)</code>) to fill"
            + " in. A wrong answer fails with the expected one and what the key holds. The tree below each lesson was read from"
            + " etcd on Kubernetes ").append(escape(kubernetesVersion)).append(" after the lessons' objects were created; lesson 9's on a"
            + " control plane of its own, with simulated nodes.</p>\n")
        .append("<pre>scripts/workshop               # the lessons\nscripts/workshop 3             # run lesson 3's exercise\n"
            + "scripts/workshop 3 --solution  # run its solution\n"
            + "# with etcdctl, kube-apiserver's certificates (kubeadm layout, /etc/kubernetes/pki):\n"
            + "ETCDCTL=\"etcdctl --endpoints=https://127.0.0.1:2379 --cacert=pki/etcd/ca.crt"
            + " --cert=pki/apiserver-etcd-client.crt --key=pki/apiserver-etcd-client.key\"</pre>\n</header>\n<main>\n");
    for (Lesson lesson : Lesson.values()) {
      lesson(page, lesson);
    }
    return page.append("</main>\n</body>\n</html>\n").toString();
  }

  /** Writes {@link #render()} to {@code file} in UTF-8, creating its directory; returns the file. */
  public Path writeTo(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.writeString(file, render(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the handout to " + file + ": " + e.getMessage(), e);
    }
  }

  private void lesson(StringBuilder page, Lesson lesson) {
    page.append("<section class=\"lesson\" id=\"lesson-").append(lesson.number()).append("\">\n<h2>Lesson ").append(lesson.number())
        .append(" — ").append(escape(lesson.title())).append("</h2>\n<p class=\"goal\">").append(escape(lesson.goal())).append("</p>\n")
        .append("<pre class=\"commands\">").append(escape(lesson.command())).append("\n").append(escape(lesson.mavenCommand()));
    for (String prefix : lesson.keyPrefixes()) {
      page.append("\n$ETCDCTL get ").append(escape(prefix)).append(" --prefix --keys-only");
    }
    page.append("</pre>\n<ul class=\"keys\">\n");
    for (KeyNode node : keysOf(lesson)) {
      page.append("<li data-key=\"").append(escape(node.key())).append("\"><code>").append(escape(node.key())).append("</code> <span class=\"")
          .append(node.encoding().label()).append("\">").append(node.encoding().label()).append("</span> <span class=\"description\">")
          .append(escape(node.description())).append("</span>\n<details><summary>decoded</summary><pre>")
          .append(escape(node.value().text(false))).append("</pre></details></li>\n");
    }
    page.append("</ul>\n</section>\n");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  private static final String CSS = """
      :root { color-scheme: light dark; --muted: #667; --line: #d0d4dc; --pre: #f4f5f7; }
      @media (prefers-color-scheme: dark) { :root { --muted: #9aa; --line: #3a3f4a; --pre: #1d2027; } }
      body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1100px; padding: 0 1.5rem 3rem; }
      code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
      pre { background: var(--pre); padding: .75rem; border-radius: 6px; overflow-x: auto; font-size: .85em; }
      section.lesson { border-top: 1px solid var(--line); margin-top: 1.5rem; }
      .goal, .description { color: var(--muted); }
      ul.keys { list-style: none; padding: 0; } ul.keys li { padding: .3rem 0; border-bottom: 1px dotted var(--line); }
      .protobuf { color: #1b6ac9; } .json { color: #2e7d32; } .encrypted { color: #b00020; }
      details > summary { cursor: pointer; font-size: .85em; color: var(--muted); }
      @media print { details { display: none; } }
      """;
}
