package io.github.etcdregistry.report;

import static io.github.etcdregistry.report.Html.escape;

import io.github.etcdregistry.audit.AuditReport;
import io.github.etcdregistry.audit.KeyAudit;
import io.github.etcdregistry.audit.ResourceAudit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The audit section of the HTML report: sizes per family as an inline SVG bar chart (current values and all kept
 * revisions), history depth, stored versions against storage versions, and encryption coverage of Secrets.
 * Names and numbers only; nothing is fetched.
 *
 * <p>Hooks for tests: {@code section#audit}, {@code svg.sizes g.bar[data-family]}, {@code tr.audit-family[data-family]},
 * {@code #encryption-coverage[data-encrypted][data-secrets]}, {@code li.plain-secret}, {@code li.off-version}.
 */
final class AuditView {

  private static final int CHART_FAMILIES = 25;
  private static final int LABEL_WIDTH = 330;
  private static final int LABEL_CHARACTERS = 52;
  private static final int BAR_WIDTH = 560;
  private static final int ROW_HEIGHT = 22;

  private AuditView() {}

  static void render(StringBuilder page, AuditReport audit) {
    page.append("<section id=\"audit\" class=\"audit\">\n<h2>Audit</h2>\n<p class=\"summary\">")
        .append(audit.keys().size()).append(" keys at revision ").append(audit.revision()).append(": ")
        .append(bytes(audit.latestBytes())).append(" in current values, ");
    if (audit.historyRead()) {
      page.append(bytes(audit.keptBytes())).append(" with every revision etcd keeps")
          .append(audit.compactRevision() > 0 ? " (history compacted to revision " + audit.compactRevision() + ")" : " (never compacted)");
    } else {
      page.append("history not read");
    }
    page.append(".</p>\n");
    encryption(page, audit);
    versions(page, audit);
    chart(page, audit);
    table(page, audit);
    page.append("</section>\n");
  }

  private static void encryption(StringBuilder page, AuditReport audit) {
    List<KeyAudit> secrets = audit.secrets();
    List<KeyAudit> plain = audit.plainSecrets();
    int encrypted = secrets.size() - plain.size();
    page.append("<h3>Encryption of Secrets</h3>\n<div id=\"encryption-coverage\" data-encrypted=\"").append(encrypted)
        .append("\" data-secrets=\"").append(secrets.size()).append("\">")
        .append("<div class=\"coverage\"><div class=\"covered\" style=\"width:")
        .append(secrets.isEmpty() ? 0 : Math.round(100.0 * encrypted / secrets.size())).append("%\"></div></div>")
        .append("<p>").append(encrypted).append(" of ").append(secrets.size()).append(" Secrets encrypted at rest");
    audit.resource("secrets").ifPresent(resource -> page.append(" (").append(escape(resource.encryption().entrySet().stream()
        .map(entry -> (entry.getKey().equals("identity") ? "plain text" : entry.getKey()) + ": " + entry.getValue())
        .collect(Collectors.joining(", ")))).append(')'));
    page.append(".</p></div>\n");
    if (!plain.isEmpty()) {
      page.append("<p>Stored in plain text (rewrite them after turning encryption on):</p>\n<ul class=\"plain-secrets\">\n");
      for (KeyAudit secret : plain) {
        page.append("<li class=\"plain-secret\"><code>").append(escape(secret.key())).append("</code></li>\n");
      }
      page.append("</ul>\n");
    }
  }

  private static void versions(StringBuilder page, AuditReport audit) {
    List<KeyAudit> off = audit.offStorageVersion();
    page.append("<h3>Storage versions</h3>\n<p>Checked against ").append(escape(audit.storageVersionSource())).append(": ")
        .append(off.isEmpty() ? "every object is stored at its resource's storage version."
            : off.size() + (off.size() == 1 ? " object is" : " objects are") + " stored at another version; rewrite "
                + (off.size() == 1 ? "it" : "them") + " before that version is removed.")
        .append("</p>\n");
    if (!off.isEmpty()) {
      page.append("<ul class=\"off-versions\">\n");
      for (KeyAudit key : off) {
        page.append("<li class=\"off-version\"><code>").append(escape(key.key())).append("</code> ")
            .append(escape(key.apiVersion().orElse(""))).append(", storage version ").append(escape(key.expectedApiVersion().orElse("")))
            .append("</li>\n");
      }
      page.append("</ul>\n");
    }
  }

  /** One bar per family: the current values solid, everything kept (history) as a lighter bar behind them. */
  private static void chart(StringBuilder page, AuditReport audit) {
    List<ResourceAudit> largest = audit.resources().stream()
        .sorted(Comparator.comparingLong(ResourceAudit::keptBytes).reversed()).limit(CHART_FAMILIES).toList();
    long max = largest.stream().mapToLong(resource -> Math.max(resource.keptBytes(), resource.latestBytes())).max().orElse(1);
    int width = LABEL_WIDTH + BAR_WIDTH + 140;
    int height = ROW_HEIGHT * largest.size() + 8;
    page.append("<h3>Bytes per family</h3>\n<p class=\"legend\"><span class=\"swatch latest\"></span> current values ")
        .append("<span class=\"swatch kept\"></span> all revisions etcd keeps</p>\n")
        .append("<svg class=\"sizes\" role=\"img\" aria-label=\"Bytes per family\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">\n");
    int y = 4;
    for (ResourceAudit resource : largest) {
      long keptWidth = Math.max(1, Math.round((double) BAR_WIDTH * Math.max(resource.keptBytes(), resource.latestBytes()) / Math.max(1, max)));
      long latestWidth = Math.max(1, Math.round((double) BAR_WIDTH * resource.latestBytes() / Math.max(1, max)));
      page.append("<g class=\"bar\" data-family=\"").append(escape(resource.family())).append("\" data-latest=\"").append(resource.latestBytes())
          .append("\" data-kept=\"").append(resource.keptBytes()).append("\"><title>").append(escape(resource.family())).append(": ")
          .append(bytes(resource.latestBytes())).append(" current, ").append(bytes(resource.keptBytes())).append(" kept in ")
          .append(resource.revisionsKept()).append(" revisions</title>")
          .append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + 14).append("\" text-anchor=\"end\">")
          .append(escape(label(resource.family()))).append("</text>")
          .append("<rect class=\"kept\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 2).append("\" width=\"").append(keptWidth)
          .append("\" height=\"16\"/>")
          .append("<rect class=\"latest\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 2).append("\" width=\"").append(latestWidth)
          .append("\" height=\"16\"/>")
          .append("<text x=\"").append(LABEL_WIDTH + keptWidth + 6).append("\" y=\"").append(y + 14).append("\">")
          .append(bytes(resource.keptBytes())).append("</text></g>\n");
      y += ROW_HEIGHT;
    }
    page.append("</svg>\n");
  }

  private static void table(StringBuilder page, AuditReport audit) {
    page.append("<h3>Per family</h3>\n<div class=\"audit-table-wrap\"><table class=\"audit-table\">\n<thead><tr><th>family</th><th>keys</th><th>encoding</th>")
        .append("<th>stored versions</th><th>storage version</th><th>encryption</th><th>current bytes</th><th>kept bytes</th>")
        .append("<th>revisions kept</th><th>writes</th><th>largest key</th></tr></thead>\n<tbody>\n");
    for (ResourceAudit resource : audit.resources()) {
      page.append("<tr class=\"audit-family\" data-family=\"").append(escape(resource.family())).append("\"><td><code>")
          .append(escape(resource.family())).append("</code></td><td>").append(resource.count()).append("</td><td>")
          .append(escape(counts(resource.encodings()))).append("</td><td>").append(escape(counts(resource.storedVersions())))
          .append("</td><td>").append(escape(resource.storageVersion().orElse("—"))).append("</td><td>")
          .append(escape(counts(resource.encryption()))).append("</td><td class=\"number\">").append(resource.latestBytes())
          .append("</td><td class=\"number\">").append(resource.keptBytes()).append("</td><td class=\"number history-depth\">")
          .append(resource.revisionsKept()).append("</td><td class=\"number\">").append(resource.writes()).append("</td><td>")
          .append(resource.largestKeys().isEmpty() ? "" : "<code>" + escape(resource.largestKeys().get(0).key()) + "</code> ("
              + resource.largestKeys().get(0).size() + ")")
          .append("</td></tr>\n");
    }
    page.append("</tbody>\n</table></div>\n");
  }

  /** A long family name keeps its end, where the resource is; the bar's title has it whole. */
  private static String label(String family) {
    return family.length() <= LABEL_CHARACTERS ? family : "…" + family.substring(family.length() - LABEL_CHARACTERS + 1);
  }

  private static String counts(Map<String, Integer> counts) {
    return counts.size() == 1 ? counts.keySet().iterator().next()
        : counts.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", "));
  }

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024));
  }
}
