package io.github.etcdregistry.junit;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.pki.ClusterPki;
import io.github.etcdregistry.pki.PkiRequest;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryAccessException;
import io.github.etcdregistry.registry.RegistryEntry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What every etcd backend must guarantee: mutual TLS only, owner-only keys, and a registry that reads it. */
abstract class EtcdMutualTlsContract {

  @Test
  void registryReadsWhatAClientWrote(Client client, EtcdRegistry registry) throws Exception {
    client.getKVClient().put(bytes("/registry/configmaps/default/settings"), bytes("v1")).get();
    client.getKVClient().put(bytes("/registry/configmaps/default/settings"), bytes("v2")).get();

    RegistryEntry entry = registry.get("/registry/configmaps/default/settings").orElseThrow();
    assertThat(entry.value()).asString(StandardCharsets.UTF_8).isEqualTo("v2");
    assertThat(entry.version()).isEqualTo(2);
    assertThat(entry.modRevision()).isGreaterThan(entry.createRevision());
    assertThat(registry.currentRevision()).isGreaterThanOrEqualTo(entry.modRevision());
    assertThatRegistry().keysUnder("/registry/configmaps/").contains("/registry/configmaps/default/settings");
  }

  @Test
  void clientWithoutCertificateIsRefused(ControlPlane controlPlane) {
    try (EtcdRegistry anonymous = EtcdRegistry.builder()
        .endpoints(controlPlane.etcdEndpoint().toString())
        .trustedCa(controlPlane.pki().etcdCaCert())
        .timeout(Duration.ofSeconds(2))
        .build()) {
      assertThatThrownBy(() -> anonymous.get("/registry/namespaces/default")).isInstanceOf(RegistryAccessException.class);
    }
  }

  @Test
  void clientWithCertificateOfAnotherCaIsRefused(ControlPlane controlPlane) {
    try (ClusterPki stranger = ClusterPki.generate(PkiRequest.defaults());
        EtcdRegistry impostor = EtcdRegistry.builder()
            .endpoints(controlPlane.etcdEndpoint().toString())
            .trustedCa(controlPlane.pki().etcdCaCert())
            .clientCertificate(stranger.apiserverEtcdClientCert(), stranger.apiserverEtcdClientKey())
            .timeout(Duration.ofSeconds(2))
            .build()) {
      assertThatThrownBy(() -> impostor.get("/registry/namespaces/default")).isInstanceOf(RegistryAccessException.class);
    }
  }

  @Test
  void plainHttpIsNotServed(ControlPlane controlPlane) throws Exception {
    URI plain = URI.create(controlPlane.etcdEndpoint().toString().replace("https://", "http://") + "/health");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.ofString());
      // Go's TLS listener answers a plaintext request with this 400 and nothing else
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("HTTP request to an HTTPS server").doesNotContain("health");
    } catch (IOException refused) {
      // the connection was dropped: also no plaintext service
    }
  }

  @Test
  void privateKeysAreReadableByTheOwnerOnly(ControlPlane controlPlane) throws Exception {
    Path directory = controlPlane.pki().directory();
    List<Path> keys;
    try (Stream<Path> files = Files.walk(directory)) {
      keys = files.filter(file -> file.toString().endsWith(".key")).toList();
    }
    assertThat(keys).extracting(file -> directory.relativize(file).toString())
        .contains("etcd/ca.key", "etcd/server.key", "apiserver-etcd-client.key", "ca.key", "sa.key");
    for (Path key : keys) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(key);
      assertThat(PosixFilePermissions.toString(permissions)).as(key.toString()).isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
  }

  @Test
  void etcdctlCommandNamesEndpointAndCertificates(ControlPlane controlPlane) {
    assertThat(controlPlane.etcdctlCommand())
        .startsWith("etcdctl --endpoints=" + controlPlane.etcdEndpoint())
        .contains("--cacert=" + controlPlane.pki().etcdCaCert(),
            "--cert=" + controlPlane.pki().apiserverEtcdClientCert(),
            "--key=" + controlPlane.pki().apiserverEtcdClientKey())
        .endsWith("get /registry --prefix --keys-only");
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
