package io.github.etcdregistry.binaries;

import java.util.Locale;
import java.util.Objects;

/**
 * An operating system and processor architecture in Go's spelling ({@code linux-amd64}, {@code darwin-arm64}): the
 * platforms the control-plane binaries are built for, and the suffix of each binary artifact.
 */
public record Platform(String os, String arch) {

  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64");

  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(arch, "arch");
  }

  /** The platform this JVM runs on. */
  public static Platform current() {
    return fromJava(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /** {@code os.name} and {@code os.arch} as Java reports them ({@code Mac OS X}, {@code x86_64}) in Go's words. */
  static Platform fromJava(String osName, String osArch) {
    String name = osName.toLowerCase(Locale.ROOT);
    String os = name.startsWith("mac") || name.startsWith("darwin") ? "darwin" : name.startsWith("linux") ? "linux" : name.replace(' ', '_');
    return new Platform(os, goArch(osArch));
  }

  /** An architecture as Java, Docker or uname spell it ({@code x86_64}, {@code aarch64}) in Go's words. */
  static String goArch(String arch) {
    return switch (arch.toLowerCase(Locale.ROOT)) {
      case "x86_64", "amd64", "x64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch.toLowerCase(Locale.ROOT);
    };
  }

  /** The Linux platform of a Docker engine that reports {@code architecture} ({@code x86_64}): its containers' binaries. */
  public static Platform linux(String architecture) {
    return new Platform("linux", goArch(architecture));
  }

  /** {@code linux-amd64}. */
  @Override
  public String toString() {
    return os + "-" + arch;
  }
}
