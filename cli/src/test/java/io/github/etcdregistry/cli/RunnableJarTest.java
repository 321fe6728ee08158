package io.github.etcdregistry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etcd.jetcd.ByteSequence;
import io.github.etcdregistry.binaries.Bundle;
import io.github.etcdregistry.binaries.Platform;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.DefaultVersions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a control-plane node runs it: {@code java -jar} in a fresh JVM with an empty home, no Maven, no
 * checkout, no {@code ETCDREGISTRY_*} variables and no etcd on the PATH. Runs after {@code package} (the cli's POM binds
 * it to {@code integration-test}), which names the jar in {@code etcdregistry.cli.jar}.
 */
class RunnableJarTest {

  private static ControlPlane etcd;

  @TempDir
  Path directory;

  @BeforeAll
  static void startEtcd() throws Exception {
    assumeTrue(System.getProperty("etcdregistry.cli.jar") != null, "runs after package, where the POM names the jar");
    etcd = new ControlPlane().withBackend(Backend.PROCESS);
    etcd.start();
    for (String name : List.of("a", "b")) {
      etcd.etcdClient().getKVClient().put(ByteSequence.from("/registry/configmaps/jar/" + name, StandardCharsets.UTF_8),
          ByteSequence.from("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}", StandardCharsets.UTF_8))
          .get();
    }
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  @Test
  void keysOnlyFromTheJarWithAnEmptyHome() throws Exception {
    Run run = java(directory.resolve("home"), "keys", "/registry/configmaps/jar/", "--keys-only", "--endpoints", etcd.etcdEndpoint().toString(),
        "--cacert", etcd.pki().etcdCaCert().toString(), "--cert", etcd.pki().apiserverEtcdClientCert().toString(),
        "--key", etcd.pki().apiserverEtcdClientKey().toString());

    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(run.out).isEqualTo("/registry/configmaps/jar/a\n/registry/configmaps/jar/b\n");
    assertThat(run.err).isEmpty();
  }

  @Test
  void snapshotAuditFetchesEtcdOnceIntoTheCache() throws Exception {
    Path snapshot = etcd.snapshot(directory.resolve("backup.db"));
    Path home = directory.resolve("home");
    String repository = repositoryWithEtcd(directory.resolve("repository")).toUri().toString();

    Run first = java(home, "snapshot-audit", snapshot.toString(), "--maven-repository", repository, "-o", "json");
    Run second = java(home, "snapshot-audit", snapshot.toString(), "--maven-repository", "http://127.0.0.1:1/unused", "-o", "json");

    assertThat(first.exitCode).as(first.err).isZero();
    assertThat(first.out).contains("\"family\": \"configmaps\"", "\"keys\": 2");
    assertThat(first.err).contains("fetching io.github.etcdregistry.binaries:etcd-" + Platform.current());
    assertThat(home.resolve(".cache/etcd-registry/" + Platform.current() + "/etcd-" + DefaultVersions.ETCD + "/etcdutl")).isExecutable();
    assertThat(second.exitCode).as(second.err).isZero();
    assertThat(second.err).isEmpty();
  }

  /** A Maven repository (file: URL) holding etcd's artifact of this platform, with its SHA-1, as Maven Central does. */
  private static Path repositoryWithEtcd(Path root) throws Exception {
    URL sums = RunnableJarTest.class.getClassLoader().getResource("META-INF/etcd-registry/binaries/" + Platform.current() + "/etcd-"
        + DefaultVersions.ETCD + "/SHA256SUMS");
    assertThat(sums).as("etcd's binary artifact on the test class path").isNotNull();
    Path artifact = Path.of(((JarURLConnection) sums.openConnection()).getJarFileURL().toURI());
    Path target = root.resolve(EtcdArtifact.repositoryPath(Bundle.ETCD.artifact(DefaultVersions.ETCD, Platform.current())));
    Files.createDirectories(target.getParent());
    Files.copy(artifact, target);
    String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(target)));
    Files.writeString(target.resolveSibling(target.getFileName() + ".sha1"), sha1);
    return root;
  }

  private static Run java(Path home, String... arguments) throws IOException, InterruptedException {
    Files.createDirectories(home);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // the JVM takes user.home from the password database, not from HOME
        "-Duser.home=" + home, "-jar", System.getProperty("etcdregistry.cli.jar")));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.environment().clear();
    builder.environment().put("HOME", home.toString());
    builder.environment().put("PATH", "/usr/bin:/bin");
    Process process = builder.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the jar exits").isTrue();
    return new Run(process.exitValue(), out, err.join());
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Run(int exitCode, String out, String err) {}
}
