package io.github.etcdregistry.controlplane.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** YAML files a test names by location, as {@code crds} and {@code stages} take them, read at once. */
public final class YamlFiles {

  private static final String CLASSPATH = "classpath:";

  private YamlFiles() {}

  /** A file's text and where it came from, for messages. */
  public record Source(String name, String text) {

    /** Its YAML documents, those with nothing but comments left out. */
    public List<String> documents() {
      return Arrays.stream(text.split("(?m)^---[ \\t]*$"))
          .filter(document -> !document.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("#"))).toList();
    }
  }

  /**
   * The files of {@code location}: a file, a directory of {@code .yaml}, {@code .yml} and {@code .json} files, or
   * {@code classpath:} a resource; {@code what} ({@code CRD}) and {@code example} ({@code path/crd.yaml}) for messages.
   *
   * @throws IllegalArgumentException naming the location that is missing or empty
   */
  public static List<Source> read(String location, String what, String example) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("A " + what + " location is empty: give a file, a directory or classpath:" + example);
    }
    if (location.startsWith(CLASSPATH)) {
      String resource = location.substring(CLASSPATH.length()).replaceFirst("^/", "");
      URL url = Thread.currentThread().getContextClassLoader().getResource(resource);
      if (url == null) {
        throw new IllegalArgumentException("The " + what + " location " + location + " is not on the class path: no resource " + resource
            + " (put it under src/test/resources/" + resource + ")");
      }
      if ("file".equals(url.getProtocol())) {
        try {
          return fromPath(Path.of(url.toURI()), location, what);
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException("Cannot read " + location + ": " + e.getMessage(), e);
        }
      }
      try (InputStream in = url.openStream()) { // a file inside a jar
        return List.of(new Source(location, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read " + location + ": " + e.getMessage(), e);
      }
    }
    Path path = Path.of(location);
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("The " + what + " location " + location + " does not exist (resolved to " + path.toAbsolutePath()
          + "); give a file or directory relative to the working directory, or classpath:" + example);
    }
    return fromPath(path, location, what);
  }

  private static List<Source> fromPath(Path path, String location, String what) {
    try {
      if (!Files.isDirectory(path)) {
        return List.of(new Source(path.toString(), Files.readString(path)));
      }
      List<Source> sources = new ArrayList<>();
      try (Stream<Path> files = Files.list(path)) {
        for (Path file : files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList()) {
          sources.add(new Source(file.toString(), Files.readString(file)));
        }
      }
      if (sources.isEmpty()) {
        throw new IllegalArgumentException("The " + what + " directory " + location + " holds no .yaml, .yml or .json file");
      }
      return sources;
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the " + what + " location " + location + ": " + e.getMessage(), e);
    }
  }
}
