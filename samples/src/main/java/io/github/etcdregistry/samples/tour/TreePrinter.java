package io.github.etcdregistry.samples.tour;

import io.github.etcdregistry.report.KeyFamily;
import io.github.etcdregistry.report.KeyNode;
import io.github.etcdregistry.report.RegistryTree;
import java.io.PrintWriter;

/** The registry tree for a terminal: per family its explanation, per key kind, encoding, size and revisions. */
final class TreePrinter {

  private final PrintWriter out;

  TreePrinter(PrintWriter out) {
    this.out = out;
  }

  void printTree(RegistryTree tree) {
    out.println(tree.prefix() + ": " + tree.size() + " keys in " + tree.families().size() + " families");
    for (KeyFamily family : tree.families()) {
      out.println();
      out.println(family.name() + "  (" + count(family.keys().size(), "key") + ")");
      out.println("  " + family.explanation());
      int keyWidth = family.keys().stream().mapToInt(node -> node.key().length()).max().orElse(0);
      int kindWidth = family.keys().stream().mapToInt(node -> kind(node).length()).max().orElse(0);
      for (KeyNode node : family.keys()) {
        out.printf("    %-" + keyWidth + "s  %-" + kindWidth + "s  %-9s %7d B  create %-5d mod %d%n",
            node.key(), kind(node), encoding(node), node.size(), node.createRevision(), node.modRevision());
      }
    }
    out.println();
    out.flush();
  }

  /** One key's decoded value; Secret values stay redacted unless {@code revealSecretValues}. */
  void printValue(KeyNode node, boolean revealSecretValues) {
    out.println("# " + node.key() + " — " + node.description());
    out.println("# stored as " + encoding(node) + ", " + node.size() + " bytes, create_revision " + node.createRevision()
        + ", mod_revision " + node.modRevision() + ", version " + node.version()
        + (node.value().isSecret() && !revealSecretValues ? "; Secret values redacted (--reveal-secrets shows them)" : ""));
    out.println(node.value().text(revealSecretValues).stripTrailing());
    out.println();
    out.flush();
  }

  private static String kind(KeyNode node) {
    return node.kind().isEmpty() ? "-" : node.kind();
  }

  private static String encoding(KeyNode node) {
    return node.encryption().map(prefix -> "encrypted with " + prefix).orElse(node.encoding().label());
  }

  private static String count(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
