package io.github.etcdregistry.report;

import static io.github.etcdregistry.report.Html.escape;

import io.github.etcdregistry.audit.AuditReport;
import io.github.etcdregistry.registry.RecordedWrite;
import io.github.etcdregistry.registry.RegistryRecording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link RegistryTree} as one self-contained HTML page: families that fold open, per key its kind, encoding,
 * size, revisions and decoded YAML, and a search box that filters keys by path or kind. Everything is inline —
 * no fonts, scripts or styles are fetched — so the file opens offline.
 *
 * <p>Secret {@code data} and {@code stringData} values read {@value io.github.etcdregistry.codec.DecodedObject#REDACTED} unless
 * {@link #revealingSecretValues(boolean)} says otherwise.
 *
 * <p>For tests, elements carry stable hooks: {@code details.family[data-family]}, {@code li.key[data-key][data-kind]},
 * {@code #search}, {@code #match-count[data-matches]}; opening the page with {@code #q=nginx} (or {@code ?q=nginx})
 * applies that filter on load.
 */
public final class HtmlReport {

  private static final String DEFAULT_TITLE = "What Kubernetes stores in etcd";

  private final RegistryTree tree;
  private final String title;
  private final boolean revealSecretValues;
  private final AuditReport audit;
  private final RegistryRecording recording;

  private HtmlReport(RegistryTree tree, String title, boolean revealSecretValues, AuditReport audit, RegistryRecording recording) {
    this.tree = tree;
    this.title = title;
    this.revealSecretValues = revealSecretValues;
    this.audit = audit;
    this.recording = recording;
  }

  public static HtmlReport of(RegistryTree tree) {
    return new HtmlReport(Objects.requireNonNull(tree, "tree"), DEFAULT_TITLE, false, null, null);
  }

  /** The page's title and heading. */
  public HtmlReport titled(String newTitle) {
    return new HtmlReport(tree, Objects.requireNonNull(newTitle, "title"), revealSecretValues, audit, recording);
  }

  /** Whether Secret values appear as stored; off by default, since reports get shared. */
  public HtmlReport revealingSecretValues(boolean reveal) {
    return new HtmlReport(tree, title, reveal, audit, recording);
  }

  /** Adds an audit section before the keys: sizes per family, history depth, storage versions, encryption of Secrets. */
  public HtmlReport withAudit(AuditReport storageAudit) {
    return new HtmlReport(tree, title, revealSecretValues, Objects.requireNonNull(storageAudit, "storageAudit"), recording);
  }

  /** Adds what {@code writes} recorded — writes and bytes per manager, family and key — above the keys. */
  public HtmlReport withRecording(RegistryRecording writes) {
    return new HtmlReport(tree, title, revealSecretValues, audit, Objects.requireNonNull(writes, "recording"));
  }

  /** The whole page. */
  public String render() {
    StringBuilder page = new StringBuilder(64 * 1024);
    try {
      render(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    return page.toString();
  }

  /**
   * Writes the page to {@code file} in UTF-8, creating its directory; returns the file. The page is streamed key by
   * key, so a registry of tens of thousands of values never sits in memory as one string.
   */
  public Path writeTo(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        render(out);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the HTML report to " + file + ": " + e.getMessage(), e);
    }
  }

  private void render(Appendable page) throws IOException {
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>\n").append(ReportAssets.CSS).append("</style>\n</head>\n<body>\n");
    header(page);
    page.append("<main>\n");
    if (audit != null) {
      StringBuilder view = new StringBuilder();
      AuditView.render(view, audit);
      page.append(view);
    }
    if (recording != null) {
      recording(page);
    }
    for (KeyFamily family : tree.families()) {
      family(page, family);
    }
    page.append("<p id=\"no-match\" hidden>No key matches the search.</p>\n</main>\n")
        .append("<script>\n").append(ReportAssets.JS).append("</script>\n</body>\n</html>\n");
  }

  private void recording(Appendable page) throws IOException {
    List<RecordedWrite> writes = recording.writes();
    page.append("<section class=\"recording\">\n<h2>Recorded writes</h2>\n<p class=\"summary\">")
        .append(plural(writes.size(), "write")).append(" after revision ").append(String.valueOf(recording.startRevision())).append(", ")
        .append(plural(writes.stream().mapToLong(RecordedWrite::valueSize).sum(), "byte")).append(" stored.</p>\n");
    tallyTable(page, "Manager", recording.perManager());
    tallyTable(page, "Family", recording.perFamily());
    tallyTable(page, "Key", recording.perKey());
    page.append("</section>\n");
  }

  private static void tallyTable(Appendable page, String heading, List<RegistryRecording.Tally> tallies) throws IOException {
    page.append("<table class=\"tally\" data-by=\"").append(escape(heading.toLowerCase(Locale.ROOT))).append("\">\n<thead><tr><th>")
        .append(escape(heading)).append("</th><th>puts</th><th>deletes</th><th>bytes</th></tr></thead>\n<tbody>\n");
    for (RegistryRecording.Tally tally : tallies) {
      page.append("<tr><td><code>").append(escape(tally.group())).append("</code></td><td>").append(String.valueOf(tally.puts()))
          .append("</td><td>").append(String.valueOf(tally.deletes())).append("</td><td>").append(String.valueOf(tally.bytes()))
          .append("</td></tr>\n");
    }
    page.append("</tbody>\n</table>\n");
  }

  private void header(Appendable page) throws IOException {
    int keys = tree.size();
    page.append("<header>\n<h1>").append(escape(title)).append("</h1>\n")
        .append("<p class=\"summary\">").append(plural(keys, "key")).append(" in ").append(plural(tree.families().size(), "family"))
        .append(" under <code>").append(escape(tree.prefix())).append("</code>, decoded from the bytes etcd stores. ")
        .append(revealSecretValues
            ? "<span class=\"secrets-revealed\">Secret values are shown: do not share this file.</span>"
            : "Secret values are redacted.")
        .append("</p>\n<div class=\"search\"><input id=\"search\" type=\"search\" autocomplete=\"off\" aria-label=\"Filter keys\"")
        .append(" placeholder=\"Filter by key or kind, e.g. nginx or Secret\">")
        .append("<span id=\"match-count\" data-matches=\"").append(String.valueOf(keys)).append("\">").append(String.valueOf(keys)).append(" of ")
        .append(plural(keys, "key")).append("</span></div>\n</header>\n");
  }

  private void family(Appendable page, KeyFamily family) throws IOException {
    page.append("<details class=\"family\" data-family=\"").append(escape(family.name())).append("\">\n<summary>")
        .append("<span class=\"family-name\">").append(escape(family.name())).append("</span>")
        .append("<span class=\"family-count\">").append(plural(family.keys().size(), "key")).append("</span>")
        .append("<span class=\"explanation\">").append(escape(family.explanation())).append("</span></summary>\n")
        .append("<ul class=\"keys\">\n");
    for (KeyNode node : family.keys()) {
      key(page, node);
    }
    page.append("</ul>\n</details>\n");
  }

  private void key(Appendable page, KeyNode node) throws IOException {
    boolean decodable = node.value().isDecodable();
    page.append("<li class=\"key\" data-key=\"").append(escape(node.key())).append("\" data-kind=\"").append(escape(node.kind()))
        .append("\">\n<div class=\"key-line\"><code class=\"key-path\">").append(escape(node.key())).append("</code>")
        .append("<span class=\"kind\">").append(node.kind().isEmpty() ? "not an object" : escape(node.kind())).append("</span>")
        .append("<span class=\"badge encoding-").append(node.encoding().label()).append("\">").append(escape(encodingBadge(node)))
        .append("</span></div>\n<div class=\"facts\"><span class=\"size\">").append(plural(node.size(), "byte")).append("</span>")
        .append("<span class=\"revisions\">created at revision ").append(String.valueOf(node.createRevision()))
        .append(", modified at ").append(String.valueOf(node.modRevision()))
        .append(", written ").append(node.version() == 1 ? "once" : node.version() + " times").append("</span></div>\n")
        .append("<p class=\"description\">").append(escape(node.description())).append("</p>\n")
        .append("<details class=\"value\"><summary>").append(valueSummary(node, decodable)).append("</summary>")
        .append("<pre class=\"").append(decodable ? "yaml" : "undecodable").append("\">")
        .append(escape(node.value().text(revealSecretValues))).append("</pre></details>\n</li>\n");
  }

  private String valueSummary(KeyNode node, boolean decodable) {
    if (!decodable) {
      return "not a Kubernetes object: why, and its first bytes";
    }
    return node.value().isSecret() && !revealSecretValues ? "decoded YAML (Secret values redacted)" : "decoded YAML";
  }

  private static String encodingBadge(KeyNode node) {
    return node.encryption().map(prefix -> "encrypted: " + prefix).orElse(node.encoding().label());
  }

  private static String plural(long count, String noun) {
    return count + " " + (count == 1 ? noun : noun.equals("family") ? "families" : noun + "s");
  }
}
