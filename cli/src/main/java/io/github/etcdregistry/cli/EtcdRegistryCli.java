package io.github.etcdregistry.cli;

import io.github.etcdregistry.audit.AuditReport;
import io.github.etcdregistry.audit.StorageAudit;
import io.github.etcdregistry.codec.DecodedObject;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryEntry;
import io.github.etcdregistry.report.HtmlReport;
import io.github.etcdregistry.report.RegistryTree;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code etcd-registry}: what Kubernetes stores in a real cluster's etcd — keys, decoded values, an audit of
 * encodings, storage versions, encryption, sizes and history, an HTML report — and the same for an etcd backup.
 * Connects like etcdctl. Exit codes: 0 fine, 1 an audit rule failed, 2 bad usage, 3 etcd or a file could not be read.
 */
@Command(name = "etcd-registry", mixinStandardHelpOptions = true, versionProvider = EtcdRegistryCli.Version.class,
    description = "Read, decode and audit what Kubernetes stores in etcd.",
    subcommands = {EtcdRegistryCli.Keys.class, EtcdRegistryCli.Get.class, EtcdRegistryCli.Audit.class, EtcdRegistryCli.Report.class,
        EtcdRegistryCli.SnapshotAudit.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:fine", "1:an audit rule failed", "2:bad usage", "3:etcd or a file could not be read"})
public final class EtcdRegistryCli {

  static final int RULE_FAILED = 1;
  static final int UNREADABLE = 3;

  public static void main(String[] args) {
    // the output is for people and scripts: libraries may warn, not chat
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    System.exit(commandLine().execute(args));
  }

  /** The command line with its error handling: failures print one line naming what went wrong, never a stack trace. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new EtcdRegistryCli());
    commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("etcd-registry: " + message(e));
      line.getErr().flush();
      return e instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE : UNREADABLE;
    });
    commandLine.setParameterExceptionHandler((e, args) -> {
      CommandLine line = e.getCommandLine();
      line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + usageMessage(e));
      line.getErr().println("See '" + line.getCommandSpec().qualifiedName() + " --help'.");
      line.getErr().flush();
      return CommandLine.ExitCode.USAGE;
    });
    return commandLine;
  }

  /**
   * What was wrong with the arguments, naming only the one at fault: picocli's own message lists every argument from
   * there on, and they hold certificate and key paths and endpoints.
   */
  private static String usageMessage(ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
      return e.getMessage();
    }
    String first = unmatched.getUnmatched().get(0);
    CommandLine line = e.getCommandLine();
    if (first.startsWith("-")) {
      return "unknown option '" + first.split("=", 2)[0] + "'";
    }
    if (!line.getSubcommands().isEmpty()) { // the top command takes no arguments but a command's name
      return "unknown command '" + first + "'; the commands are " + String.join(", ", line.getSubcommands().keySet().stream()
          .filter(name -> !name.equals("help")).toList());
    }
    return unmatched.getUnmatched().size() == 1 ? "one argument too many" : unmatched.getUnmatched().size() + " arguments too many";
  }

  private static String message(Throwable e) {
    Throwable cause = e;
    while (cause.getMessage() == null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  @Command(name = "keys", mixinStandardHelpOptions = true, description = "List the keys under a prefix (default: the registry prefix) with encoding and size.")
  static final class Keys implements Callable<Integer> {
    @Mixin Connection connection;
    @Mixin Output output;
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PREFIX", description = "a key prefix, e.g. /registry/pods/")
    String prefix;

    @Option(names = "--keys-only", description = "one key per line and nothing else, for pipes (as etcdctl's --keys-only);"
        + " reads no values")
    boolean keysOnly;

    @Override
    public Integer call() {
      if (keysOnly && output.format != Output.Format.table) {
        throw new IllegalArgumentException("--keys-only prints the keys alone: leave out -o " + output.format);
      }
      try (EtcdRegistry registry = connection.connect()) {
        String under = prefix == null ? registry.prefix() + "/" : prefix;
        PrintWriter out = spec.commandLine().getOut();
        if (keysOnly) {
          registry.keys(under).forEach(out::println);
          out.flush();
          return 0;
        }
        List<RegistryEntry> entries = registry.entries(under);
        String structured = output.structured(entries.stream().map(entry -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("key", entry.key());
          row.put("encoding", entry.stored().encoding().label());
          entry.stored().encryption().ifPresent(prefix -> row.put("encryption", prefix.provider() + ":" + prefix.keyName()));
          row.put("bytes", entry.stored().size());
          row.put("modRevision", entry.modRevision());
          row.put("version", entry.version());
          return row;
        }).toList());
        if (structured != null) {
          out.print(structured);
        } else {
          Table table = new Table("KEY", "ENCODING", "BYTES", "MOD_REVISION", "VERSION");
          entries.forEach(entry -> table.row(entry.key(), entry.stored().encryption().map(p -> "encrypted " + p.provider() + ":" + p.keyName())
              .orElse(entry.stored().encoding().label()), entry.stored().size(), entry.modRevision(), entry.version()));
          out.print(table);
        }
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Print one key's value, decrypted and decoded (YAML by default). Secret data is redacted.")
  static final class Get implements Callable<Integer> {
    @Mixin Connection connection;
    @Mixin Output output;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "KEY", description = "the etcd key, e.g. /registry/pods/default/nginx")
    String key;

    @Option(names = "--reveal-secrets", description = "print Secret data as stored; redacted otherwise")
    boolean revealSecrets;

    @Override
    public Integer call() {
      try (EtcdRegistry registry = connection.connect()) {
        RegistryEntry entry = registry.get(key).orElseThrow(() -> new NotFound(key, registry));
        DecodedObject decoded = entry.decode();
        DecodedObject shown = revealSecrets ? decoded : decoded.redacted();
        PrintWriter out = spec.commandLine().getOut();
        if (output.format == Output.Format.json) {
          out.println(shown.toJson());
        } else {
          if (output.format == Output.Format.table) {
            out.println("# " + entry); // key, encoding, size, revisions: never the value
          }
          out.print(shown.toYaml());
        }
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit the registry: per family count, encoding, stored"
      + " versus storage version, encryption, bytes of current values and of every revision etcd keeps, writes, largest keys."
      + " Exits 1 when a rule fails: secrets-encrypted, storage-versions, value-size.")
  static final class Audit implements Callable<Integer> {
    @Mixin Connection connection;
    @Mixin Output output;
    @Mixin AuditOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (EtcdRegistry registry = connection.connect()) {
        return options.print(options.run(registry), output, spec.commandLine().getOut());
      }
    }
  }

  @Command(name = "snapshot-audit", mixinStandardHelpOptions = true, description = "Audit an etcd backup (a file from"
      + " `etcdctl snapshot save`), restored with etcdutl into a throwaway etcd on this machine. etcd and etcdutl come from"
      + " ETCDREGISTRY_ETCD_BINARY and ETCDREGISTRY_ETCDUTL, else the cache, else etcd's binary artifact, fetched once from the"
      + " local Maven repository or --maven-repository. Same rules and exit codes as audit.")
  static final class SnapshotAudit implements Callable<Integer> {
    @Mixin Decoding decoding;
    @Mixin Output output;
    @Mixin AuditOptions options;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SNAPSHOT", description = "the snapshot file")
    Path snapshot;

    @Option(names = "--report", paramLabel = "FILE", description = "also write the HTML report of the backup to FILE")
    Path report;

    @Option(names = "--reveal-secrets", description = "show Secret data in the report as stored; do not share such a file")
    boolean revealSecrets;

    @Option(names = "--maven-repository", paramLabel = "URL", defaultValue = EtcdArtifact.CENTRAL,
        description = "where etcd's binary artifact is fetched from the first time, a mirror of Maven Central (default: ${DEFAULT-VALUE})")
    URI repository;

    @Override
    public Integer call() {
      new EtcdArtifact(Settings.fromSystem(), repository, spec.commandLine().getErr()).ensure();
      try (EtcdRegistry registry = decoding.restore(snapshot)) {
        AuditReport audit = options.run(registry);
        if (report != null) {
          Report.write(registry, audit, "etcd backup " + snapshot.getFileName(), revealSecrets, report, spec.commandLine().getErr());
        }
        return options.print(audit, output, spec.commandLine().getOut());
      }
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true, description = "Write a self-contained HTML report: the audit, then every key decoded (Secret data redacted).")
  static final class Report implements Callable<Integer> {
    @Mixin Connection connection;
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "etcd-registry-report.html", description = "where to write it (default: ${DEFAULT-VALUE})")
    Path file;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "What Kubernetes stores in etcd", description = "the page title")
    String title;

    @Option(names = "--reveal-secrets", description = "show Secret data as stored; do not share such a file")
    boolean revealSecrets;

    @Option(names = "--no-history", description = "do not replay etcd's history")
    boolean noHistory;

    @Override
    public Integer call() {
      try (EtcdRegistry registry = connection.connect()) {
        write(registry, StorageAudit.of(registry).withHistory(!noHistory).run(), title, revealSecrets, file, spec.commandLine().getOut());
        return 0;
      }
    }

    static void write(EtcdRegistry registry, AuditReport audit, String title, boolean reveal, Path file, PrintWriter log) {
      Path written = HtmlReport.of(RegistryTree.of(registry)).withAudit(audit).titled(title).revealingSecretValues(reveal).writeTo(file);
      log.println("wrote " + written.toAbsolutePath().toUri());
      log.flush();
    }
  }

  /** A missing key, with the keys that are there. */
  static final class NotFound extends RuntimeException {
    NotFound(String key, EtcdRegistry registry) {
      super("nothing is stored under " + key + nearest(key, registry));
    }

    private static String nearest(String key, EtcdRegistry registry) {
      String parent = key.contains("/") ? key.substring(0, key.lastIndexOf('/') + 1) : key;
      if (parent.length() <= 1) {
        return "";
      }
      List<String> keys = registry.keys(parent);
      return keys.isEmpty() ? "" : "; under " + parent + ": " + String.join(", ", keys.subList(0, Math.min(5, keys.size())))
          + (keys.size() > 5 ? ", ..." : "");
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = EtcdRegistryCli.class.getPackage().getImplementationVersion();
      return new String[] {"etcd-registry " + (version == null ? "(development build)" : version)};
    }
  }
}
