package io.github.etcdregistry.junit;

import io.github.etcdregistry.audit.StorageAudit;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.registry.RegistryRecording;
import io.github.etcdregistry.report.HtmlReport;
import io.github.etcdregistry.report.RegistryTree;
import java.nio.file.Path;
import java.util.Locale;

/** Writes the HTML report of a test class's registry when {@link WithEtcdRegistry#report()} asks for it. */
final class RegistryReports {


  private final WithEtcdRegistry.Report mode;
  private final Path directory;

  private RegistryReports(WithEtcdRegistry.Report mode, Path directory) {
    this.mode = mode;
    this.directory = directory;
  }

  static RegistryReports of(WithEtcdRegistry annotation, Settings settings) {
    WithEtcdRegistry.Report mode = annotation.report() != WithEtcdRegistry.Report.DEFAULT
        ? annotation.report()
        : settings.get(Setting.REPORT).map(setting -> parse(setting)).orElse(WithEtcdRegistry.Report.NEVER);
    Path directory = Path.of(settings.get(Setting.REPORT_DIR).map(Settings.Value::value).orElse("target/etcd-registry-reports"));
    return new RegistryReports(mode, directory);
  }

  /** Whether a report may be written, so that the class's writes are worth recording. */
  boolean mayWrite() {
    return mode == WithEtcdRegistry.Report.ALWAYS || mode == WithEtcdRegistry.Report.ON_FAILURE;
  }

  /** Writes {@code <name>.html} when the mode and the outcome call for it. */
  void writeIfWanted(String name, ControlPlane controlPlane, boolean failed) {
    writeIfWanted(name, controlPlane, failed, null);
  }

  /** As above, with the writes {@code recording} saw (may be null) above the keys. */
  void writeIfWanted(String name, ControlPlane controlPlane, boolean failed, RegistryRecording recording) {
    if (mode == WithEtcdRegistry.Report.ALWAYS || (mode == WithEtcdRegistry.Report.ON_FAILURE && failed)) {
      HtmlReport report = HtmlReport.of(RegistryTree.of(controlPlane.registry()))
          .withAudit(StorageAudit.of(controlPlane.registry()).run())
          .titled("etcd registry after " + name + (failed ? " (failed)" : ""));
      Path file = (recording == null ? report : report.withRecording(recording))
          .writeTo(directory.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".html"));
      System.out.println("etcd-registry: wrote the registry report " + file.toAbsolutePath().toUri());
    }
  }

  private static WithEtcdRegistry.Report parse(Settings.Value setting) {
    try {
      return WithEtcdRegistry.Report.valueOf(setting.value().trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting.source() + " is '" + setting.value() + "'; use never, on-failure or always");
    }
  }
}
