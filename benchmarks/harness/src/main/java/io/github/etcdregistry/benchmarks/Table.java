package io.github.etcdregistry.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table, and the number formats the report uses. */
final class Table {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    this.header = List.of(header);
  }

  Table row(String... cells) {
    rows.add(List.of(cells));
    return this;
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    line(out, header);
    line(out, header.stream().map(h -> h.matches(".*\\b(median|min|max|cold|n|ratio|measured)\\b.*") ? "---:" : "---").toList());
    rows.forEach(row -> line(out, row));
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    out.append("| ").append(String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
  }

  /** 1,234 for large values, 12.3 for small ones. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f×", value);
  }
}
