package io.github.etcdregistry.controlplane.internal.reuse;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.ControlPlaneSpec;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.controlplane.internal.ComponentSources;
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
import java.util.TreeMap;

/**
 * The name of a reused control plane: a hash of everything that makes two control planes different — what code asked
 * for, the resolved backend, every {@code etcdregistry.*} setting but those whose {@link Setting.Scope} only touches this
 * JVM's side (an unknown one too, a typo or a newer library's), the
 * binaries by path, size and modification time (a rebuilt binary is another control plane), and this library's own
 * build. What is not known to be harmless is hashed: a needless new control plane costs seconds, a wrong one a
 * confusing test.
 */
public final class ReuseFingerprint {

  /** Bumped when what a reused directory holds changes shape. */
  private static final String LAYOUT = "2";

  private ReuseFingerprint() {}

  /** 16 hex digits, a directory name. */
  public static String of(ControlPlaneSpec asked, Backend backend, Settings settings) {
    Map<String, String> inputs = new TreeMap<>();
    inputs.put("layout", LAYOUT);
    inputs.put("library", identity(library()));
    inputs.put("backend.resolved", backend.name());
    SpecProperties.of(asked).forEach((name, value) -> inputs.put("code." + name, value.toString()));
    Map<String, String> all = settings.all();
    for (Setting setting : Setting.values()) {
      if (!setting.scope().changesWhatRuns()) {
        all.remove(setting.environmentName());
      }
    }
    all.forEach((name, value) -> inputs.put("setting." + name, value));
    ComponentSources sources = new ComponentSources(settings);
    for (Component component : asked.components()) {
      inputs.put("binary." + component.id(), identity(sources.binary(component, asked.options(component).binary(),
          asked.kubernetesVersion())));
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
