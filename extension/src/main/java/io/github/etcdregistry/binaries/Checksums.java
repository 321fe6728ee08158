package io.github.etcdregistry.binaries;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code SHA256SUMS} file as {@code sha256sum} writes it ({@code <hex>  <file name>} a line): the checksums of a bundle's
 * uncompressed executables and other files ({@code stages/pod-ready.yaml}: a path inside the bundle's directory, with
 * {@code /}), written beside them in the cache and shipped in each binary artifact.
 */
record Checksums(Map<String, String> byFile) {

  static final String FILE_NAME = "SHA256SUMS";

  static Checksums parse(String text) {
    Map<String, String> byFile = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      String[] parts = trimmed.split("\\s+\\*?", 2);
      if (parts.length != 2 || parts[0].length() != 64) {
        throw new IllegalArgumentException("not a sha256sum line: '" + trimmed + "'");
      }
      if (!isInside(parts[1])) {
        throw new IllegalArgumentException("not a path inside the bundle: '" + parts[1] + "'");
      }
      byFile.put(parts[1], parts[0].toLowerCase(java.util.Locale.ROOT));
    }
    return new Checksums(Map.copyOf(byFile));
  }

  /** A relative path of names joined by {@code /}, none of them empty, {@code .} or {@code ..}: it cannot leave the bundle. */
  private static boolean isInside(String name) {
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("\\") || part.contains(":")) {
        return false;
      }
    }
    return true;
  }

  static Checksums read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String sha256(Path file) {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
