package io.github.etcdregistry.controlplane;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The name of a reused control plane: a hash of everything that makes two control planes different — what code asked
 * for, the resolved backend, every {@code etcdregistry.*} setting but those that only touch this JVM's side, the
 * binaries by path, size and modification time (a rebuilt binary is another control plane), and this library's own
 * build. What is not known to be harmless is hashed: a needless new control plane costs seconds, a wrong one a
 * confusing test.
 */
final class ReuseFingerprint {

  /** Bumped when what a reused directory holds changes shape. */
  private static final String LAYOUT = "1";
  /** Settings that change this JVM's clients, reports or the reuse itself, never what runs. */
  private static final Set<String> HARMLESS = Set.of(Settings.REUSE, Settings.REUSE_IDLE_TIMEOUT, Settings.STARTUP_TIMEOUT,
      Settings.CLIENT_CONNECT_TIMEOUT, Settings.CLIENT_REQUEST_TIMEOUT, Settings.CLIENT_RETRIES, "etcdregistry.report",
      "etcdregistry.report.dir", "etcdregistry.flake.runs");

  private ReuseFingerprint() {}

  /** 16 hex digits, a directory name. */
  static String of(ReuseConfiguration configuration, Backend backend, Settings settings) {
    Map<String, String> inputs = new TreeMap<>();
    inputs.put("layout", LAYOUT);
    inputs.put("library", identity(library()));
    inputs.put("backend.resolved", backend.name());
    configuration.toProperties().forEach((name, value) -> inputs.put("code." + name, value.toString()));
    Map<String, String> all = settings.all();
    HARMLESS.forEach(name -> all.remove(Settings.environmentName(name)));
    all.forEach((name, value) -> inputs.put("setting." + name, value));
    Path etcd = configuration.etcdBinary() != null ? configuration.etcdBinary()
        : settings.get(Settings.ETCD_BINARY).map(setting -> Path.of(setting.value())).orElse(null);
    inputs.put("binary.etcd", identity(etcd));
    KubernetesComponents components = new KubernetesComponents(settings);
    if (configuration.kubeApiServer()) {
      inputs.put("binary.kube-apiserver", identity(components.binary("kube-apiserver", configuration.kubeApiServerBinary(),
          configuration.kubernetesVersion())));
    }
    if (configuration.kubeControllerManager()) {
      inputs.put("binary.kube-controller-manager", identity(components.binary("kube-controller-manager",
          configuration.kubeControllerManagerBinary(), configuration.kubernetesVersion())));
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      inputs.forEach((name, value) -> sha256.update((name + "=" + value + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha256.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  /** The jar (or classes directory) this class was loaded from. */
  private static Path library() {
    try {
      Path location = Path.of(ReuseFingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // a classes directory changes on every build, a file inside it says when it did
      return Files.isDirectory(location) ? location.resolve(ControlPlane.class.getName().replace('.', '/') + ".class") : location;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static String identity(Path file) {
    if (file == null) {
      return "-";
    }
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return file.toRealPath() + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return file + " (unreadable)"; // the start says what is wrong with it
    }
  }
}
