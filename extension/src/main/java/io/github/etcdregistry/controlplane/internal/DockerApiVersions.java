package io.github.etcdregistry.controlplane.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Why Testcontainers may not use a Docker engine that answers: the engine and the client speak no common Docker API
 * version. Testcontainers 2 asks for 1.44 unless {@code api.version} says otherwise (Debian's Docker 20.10 speaks up to
 * 1.41; Docker 29 nothing below 1.44). The engine's own {@code /version}, asked without a version, says which it speaks.
 */
public final class DockerApiVersions {

  /** What Testcontainers 2 asks for without an {@code api.version} setting. */
  static final String TESTCONTAINERS_DEFAULT = "1.44";
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

  private DockerApiVersions() {}

  /** An engine's answer to {@code /version}. */
  record Engine(String socket, String version, String apiVersion, String minApiVersion) {}

  /** The API version this JVM asks for and where that comes from. */
  record Asked(String version, String source) {}

  /** Empty when no engine answers on the socket here or the versions fit; else the mismatch and its remedy. */
  public static Optional<String> mismatch() {
    return engine(System.getenv()).flatMap(engine -> explain(engine, asked(System.getenv(), Path.of(System.getProperty("user.home")))));
  }

  /** Where docker-java reads {@code api.version}: a system property, a variable of that very name, {@code ~/.docker-java.properties}. */
  static Asked asked(Map<String, String> environment, Path home) {
    if (System.getProperty("api.version") != null) {
      return new Asked(System.getProperty("api.version"), "system property api.version");
    }
    if (environment.get("api.version") != null) {
      return new Asked(environment.get("api.version"), "environment variable api.version");
    }
    Path file = home.resolve(".docker-java.properties");
    if (Files.isReadable(file)) {
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        properties.load(in);
      } catch (IOException e) {
        // unreadable: docker-java does not read it either
      }
      if (properties.getProperty("api.version") != null) {
        return new Asked(properties.getProperty("api.version"), "api.version in " + file);
      }
    }
    return new Asked(TESTCONTAINERS_DEFAULT, "Testcontainers 2's default");
  }

  static Optional<String> explain(Engine engine, Asked asked) {
    try {
      if (compare(asked.version(), engine.minApiVersion()) >= 0 && compare(asked.version(), engine.apiVersion()) <= 0) {
        return Optional.empty();
      }
    } catch (NumberFormatException notAVersion) {
      return Optional.empty(); // docker-java refuses such a setting with its own message
    }
    return Optional.of("the Docker engine at " + engine.socket() + " (Docker " + engine.version() + ") speaks Docker API "
        + engine.minApiVersion() + " to " + engine.apiVersion() + ", and this JVM asks for " + asked.version() + " ("
        + asked.source() + "). Set api.version=" + engine.apiVersion() + ": -Dapi.version=" + engine.apiVersion()
        + ", or a line api.version=" + engine.apiVersion() + " in ~/.docker-java.properties (docker-java reads no"
        + " DOCKER_API_VERSION)" + (compare(engine.apiVersion(), TESTCONTAINERS_DEFAULT) < 0 ? "; or upgrade the engine to Docker 25 or later" : "")
        + ".");
  }

  /** The engine on {@code DOCKER_HOST}'s Unix socket, else on /var/run/docker.sock; empty when none answers. */
  static Optional<Engine> engine(Map<String, String> environment) {
    String host = environment.getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    if (!host.startsWith("unix://")) {
      return Optional.empty(); // a TCP engine may want TLS: Testcontainers' own message stands
    }
    Path socket = Path.of(host.substring("unix://".length()));
    CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> get(socket, "/version"));
    try {
      JsonNode version = new ObjectMapper().readTree(answer.get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      return Optional.of(new Engine(host, version.path("Version").asText("?"), version.path("ApiVersion").asText(),
          version.path("MinAPIVersion").asText("1.12")));
    } catch (Exception e) {
      answer.cancel(true);
      return Optional.empty();
    }
  }

  /** An HTTP/1.0 GET, which the engine answers and then closes; the body. */
  private static String get(Path socket, String path) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
      String response = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
      if (!response.startsWith("HTTP/1.0 200") && !response.startsWith("HTTP/1.1 200")) {
        throw new IllegalStateException(response.lines().findFirst().orElse("no answer"));
      }
      return response.substring(response.indexOf("\r\n\r\n") + 4);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compares API versions such as 1.41 and 1.9 part by part. */
  static int compare(String left, String right) {
    String[] a = left.split("\\.");
    String[] b = right.split("\\.");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int difference = Integer.compare(i < a.length ? Integer.parseInt(a[i]) : 0, i < b.length ? Integer.parseInt(b[i]) : 0);
      if (difference != 0) {
        return difference;
      }
    }
    return 0;
  }
}
