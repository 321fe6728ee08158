package io.github.etcdregistry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The classpaths the children run on: the harness's own, and each peer module's; and the versions they hold. */
final class Classpaths {

  private Classpaths() {}

  /** The harness's classpath: etcd-registry's, as its users have it, plus jetcd-launcher. */
  static List<String> harness() {
    return Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
  }

  /** A peer module's runtime classpath, written by its build (target/classpath.txt), with its own classes first. */
  static List<String> peer(Path target) {
    Path file = target.resolve("classpath.txt");
    try {
      List<String> classpath = new ArrayList<>();
      classpath.add(target.resolve("classes").toString());
      classpath.addAll(Arrays.asList(Files.readString(file).strip().split(java.io.File.pathSeparator)));
      return classpath;
    } catch (IOException e) {
      throw new IllegalStateException("the peer module is not built (" + file + " missing): mvn -Pbenchmarks package", e);
    }
  }

  /** The version of an artifact on a classpath, from its jar's file name. */
  static String version(List<String> classpath, String artifactId) {
    Pattern jar = Pattern.compile(Pattern.quote(artifactId) + "-(\\d[^/\\\\]*)\\.jar$");
    for (String entry : classpath) {
      Matcher matcher = jar.matcher(entry);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    return "?";
  }
}
