package io.github.etcdregistry.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The Markdown the run prints: a summary (the table the documentation's Performance section is made from), a results
 * table (medians and ratios), the targets with PASS/MISS, and notes.
 */
final class Report {

  private final Table results = new Table("#", "measurement", "subject", "n", "median", "cold (1st)", "min – max", "stop (median)", "ratio");
  private final Table targets = new Table("target", "measured", "result");
  private final Table summary = new Table("what", "etcd-registry", "peer", "ratio");
  private final List<String> header = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  void header(String line) {
    header.add(line);
  }

  /** A row from a series of measurements; {@code stop} may be null. */
  void result(String number, String measurement, String subject, Stats stats, Stats stop, String ratio) {
    if (stats == null) {
      results.row(number, measurement, subject, "0", "n/a", "", "", "", "did not run, see below");
      return;
    }
    results.row(number, measurement, subject, String.valueOf(stats.count()), "**" + Table.number(stats.median()) + "**",
        Table.number(stats.first()), Table.number(stats.min()) + " – " + Table.number(stats.max()),
        stop == null ? "" : Table.number(stop.median()), ratio);
  }

  /** A derived value (no series of its own). */
  void derived(String number, String measurement, String subject, double value, String how) {
    results.row(number, measurement, subject, "", "**" + Table.number(value) + "**", "", "", "", how);
  }

  /** A row of the summary: one figure of ours, with the peer's figure and the ratio where there is a peer. */
  void summary(String what, String ours, String peer, String ratio) {
    summary.row(what, ours, peer, ratio);
  }

  /** A summary row from medians: ours, and the peer's with the ratio when there is a peer that ran. */
  void summary(String what, Stats ours, String unit, String peerName, Stats peer) {
    String oursText = ours == null ? "did not run" : "**" + Table.number(ours.median()) + unit + "**";
    if (peerName.isEmpty()) {
      summary(what, oursText, "", "");
    } else if (peer == null) {
      summary(what, oursText, peerName + ": did not run", "");
    } else {
      summary(what, oursText, peerName + ": " + Table.number(peer.median()) + unit,
          ours == null ? "" : Table.ratio(ours.median() / peer.median()) + (unit.endsWith("/s") ? " the rate" : " the time"));
    }
  }

  void target(String target, String measured, Boolean pass) {
    targets.row(target, measured, pass == null ? "n/a" : pass ? "PASS" : "MISS");
  }

  /** A target on the ratio of our median time to the peer's: met at or below {@code limit}. */
  void ratioTarget(String name, Stats ours, Stats peer, double limit) {
    if (ours == null || peer == null) {
      target(name, "n/a (" + (ours == null ? "ours" : "the peer") + " did not run)", null);
      return;
    }
    double ratio = ours.median() / peer.median();
    target(name, Table.ratio(ratio) + " (" + Table.number(ours.median()) + " / " + Table.number(peer.median()) + " ms)",
        ratio <= limit);
  }

  void note(String note) {
    notes.add(note);
  }

  void problem(String problem) {
    problems.add(problem);
  }

  String markdown() {
    StringBuilder out = new StringBuilder("# etcd-registry benchmark against its peers\n\n");
    header.forEach(line -> out.append(line).append("  \n"));
    out.append("\n## Summary\n\n").append(summary.markdown());
    out.append("\n## Results\n\n").append(results.markdown());
    out.append("\n## Targets\n\n").append(targets.markdown());
    if (!problems.isEmpty()) {
      out.append("\n## Could not run\n\n");
      problems.forEach(p -> out.append("- ").append(p).append('\n'));
    }
    out.append("\n## How it was measured\n\n");
    notes.forEach(n -> out.append("- ").append(n).append('\n'));
    return out.toString();
  }
}
