package io.github.etcdregistry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etcd.jetcd.ByteSequence;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.pki.ClusterPki;
import io.github.etcdregistry.pki.PkiRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line against a real etcd over mutual TLS, connected the way a person would connect it to a cluster's. */
class EtcdRegistryCliTest {

  private static final String PASSWORD = "cli-password-never-printed";
  private static ControlPlane etcd;
  private static ClusterPki otherCa;

  @TempDir
  Path directory;

  @BeforeAll
  static void startEtcd() throws Exception {
    etcd = new ControlPlane().withBackend(Backend.PROCESS);
    etcd.start();
    otherCa = ClusterPki.generate(PkiRequest.defaults());
    put("/registry/secrets/default/db", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\",\"namespace\":\"default\"},"
        + "\"stringData\":{\"password\":\"" + PASSWORD + "\"}}\n");
    put("/registry/configmaps/default/settings", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"settings\"},\"data\":{\"a\":\"1\"}}\n");
    put("/registry/configmaps/default/settings", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"settings\"},\"data\":{\"a\":\"2\"}}\n");
  }

  @AfterAll
  static void stopEtcd() {
    etcd.close();
    otherCa.close();
  }

  @Test
  void auditFailsWithExitCodeOneAndNamesThePlainSecret() {
    Run run = run("audit");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out).contains("secrets-encrypted  FAIL    1 of 1 Secrets in plain text", "/registry/secrets/default/db",
        "storage-versions   pass", "value-size         pass");
    assertThat(run.out).containsPattern("configmaps\\s+1\\s+json\\s+v1\\s+v1\\s+identity\\s+\\d+\\s+\\d+\\s+2\\s+2");
    assertThat(run.out).doesNotContain(PASSWORD);
  }

  @Test
  void skippedRulesDoNotFailAndJsonCarriesTheNumbers() {
    Run run = run("audit", "--skip", "secrets-encrypted", "-o", "json");

    assertThat(run.exitCode).isZero();
    assertThat(run.out).startsWith("{\n  \"prefix\": \"/registry\",").contains("\"family\": \"configmaps\"", "\"revisionsKept\": 2",
        "\"rule\": \"value-size\"").doesNotContain("\"rule\": \"secrets-encrypted\"");
  }

  @Test
  void getRedactsSecretDataUnlessAskedToReveal() {
    Run redacted = run("get", "/registry/secrets/default/db");
    Run revealed = run("get", "/registry/secrets/default/db", "--reveal-secrets", "-o", "json");

    assertThat(redacted.exitCode).isZero();
    assertThat(redacted.out).contains("password: <redacted>").doesNotContain(PASSWORD);
    assertThat(revealed.out).contains(PASSWORD);
  }

  @Test
  void keysListsWithEncodingAndAMissingKeyNamesItsNeighbours() {
    Run keys = run("keys", "-o", "yaml");
    Run missing = run("get", "/registry/configmaps/default/nope");

    assertThat(keys.out).contains("- key: /registry/configmaps/default/settings\n  encoding: json\n");
    assertThat(missing.exitCode).isEqualTo(3);
    assertThat(missing.err).contains("nothing is stored under /registry/configmaps/default/nope; under /registry/configmaps/default/:"
        + " /registry/configmaps/default/settings");
  }

  @Test
  void keysOnlyPrintsOneKeyPerLineAndNothingElse() {
    Run keys = run("keys", "/registry/configmaps/", "--keys-only");
    Run withFormat = run("keys", "--keys-only", "-o", "json");

    assertThat(keys.exitCode).as(keys.err).isZero();
    assertThat(keys.out).isEqualTo("/registry/configmaps/default/settings" + System.lineSeparator());
    assertThat(withFormat.exitCode).isEqualTo(2);
    assertThat(withFormat.err).contains("--keys-only prints the keys alone: leave out -o json");
  }

  @Test
  void snapshotAuditReadsTheBackupAndWritesItsReport() throws Exception {
    Path backup = etcd.snapshot(directory.resolve("backup.db"));
    Path report = directory.resolve("backup.html");

    Run run = execute(List.of("snapshot-audit", backup.toString(), "--skip=storage-versions", "--report", report.toString()));

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out).contains("/registry/secrets/default/db");
    assertThat(Files.readString(report)).contains("<section id=\"audit\"", "data-encrypted=\"0\" data-secrets=\"1\"").doesNotContain(PASSWORD);
  }

  @Test
  void anEncryptionConfigurationDecryptsWhatKubeApiServerEncrypted() throws Exception {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    byte[] iv = new byte[16];
    javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
    aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"), new javax.crypto.spec.IvParameterSpec(iv));
    byte[] plaintext = ("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"sealed\",\"namespace\":\"default\"},"
        + "\"stringData\":{\"token\":\"" + PASSWORD + "\"}}").getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
    value.writeBytes("k8s:enc:aescbc:v1:key1:".getBytes(StandardCharsets.US_ASCII));
    value.writeBytes(iv);
    value.writeBytes(aes.doFinal(plaintext));
    etcd.etcdClient().getKVClient().put(ByteSequence.from("/registry/secrets/default/sealed", StandardCharsets.UTF_8),
        ByteSequence.from(value.toByteArray())).get();
    Path config = Files.writeString(directory.resolve("encryption-config.yaml"), """
        apiVersion: apiserver.config.k8s.io/v1
        kind: EncryptionConfiguration
        resources:
        - resources: ["secrets"]
          providers:
          - aescbc:
              keys:
              - name: key1
                secret: %s
          - identity: {}
        """.formatted(java.util.Base64.getEncoder().encodeToString(key)));

    Run withoutKeys = run("get", "/registry/secrets/default/sealed");
    Run withKeys = run("get", "/registry/secrets/default/sealed", "--encryption-config", config.toString());
    Run audit = run("audit", "--encryption-config", config.toString(), "-o", "json");

    assertThat(withoutKeys.exitCode).isEqualTo(3);
    assertThat(withoutKeys.err).contains("aescbc", "key1");
    assertThat(withKeys.exitCode).as(withKeys.err).isZero();
    assertThat(withKeys.out).contains("name: sealed", "token: <redacted>").doesNotContain(PASSWORD);
    assertThat(audit.out).contains("\"aescbc:key1\": 1").doesNotContain("\"unknown\"");
  }

  @Test
  void eachConnectionFailureNamesItsCauseWithinTheConnectTimeout() {
    String endpoint = etcd.etcdEndpoint().toString();
    Run unknownCa = timed(List.of("keys", "--endpoints", endpoint, "--cacert", otherCa.etcdCaCert().toString()));
    Run otherClient = timed(List.of("keys", "--endpoints", endpoint, "--cacert", etcd.pki().etcdCaCert().toString(),
        "--cert", otherCa.apiserverEtcdClientCert().toString(), "--key", otherCa.apiserverEtcdClientKey().toString()));
    Run plainToTls = timed(List.of("keys", "--endpoints", "http://" + etcd.etcdEndpoint().getRawAuthority()));
    Run unknownHost = timed(List.of("keys", "--endpoints", "https://etcd.invalid:2379", "--cacert", etcd.pki().etcdCaCert().toString()));

    assertThat(unknownCa.err).contains("etcd-registry: Cannot reach etcd for list /registry/: " + endpoint + " presents a certificate",
        "that the trusted CA " + otherCa.etcdCaCert() + " (CN=etcd-ca) did not sign, so this client refused it");
    assertThat(otherClient.err).contains(endpoint + " rejected the client certificate " + otherCa.apiserverEtcdClientCert());
    assertThat(plainToTls.err).contains("closed the connection without answering plain HTTP: it speaks TLS; use " + endpoint);
    assertThat(unknownHost.err).contains("unknown host etcd.invalid");
    assertThat(List.of(unknownCa, otherClient, plainToTls, unknownHost)).allSatisfy(run -> {
      assertThat(run.exitCode).isEqualTo(3);
      assertThat(run.err.lines()).as(run.err).hasSize(1);
    });
  }

  @Test
  void aKeyOfAnotherCertificateIsBadUsage() {
    Run run = execute(List.of("keys", "--endpoints", etcd.etcdEndpoint().toString(), "--cacert", etcd.pki().etcdCaCert().toString(),
        "--cert", etcd.pki().apiserverEtcdClientCert().toString(), "--key", otherCa.apiserverEtcdClientKey().toString()));

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("The client key " + otherCa.apiserverEtcdClientKey() + " does not belong to the client certificate");
  }

  @Test
  void theConnectTimeoutIsAFlag() throws Exception {
    // a listener whose accept queue is full drops further connection requests, as a firewall does
    try (ServerSocket full = new ServerSocket(0, 1); Socket first = new Socket(); Socket second = new Socket()) {
      first.connect(full.getLocalSocketAddress());
      second.connect(full.getLocalSocketAddress());
      long started = System.nanoTime();
      Run run = execute(List.of("keys", "--endpoints", "https://127.0.0.1:" + full.getLocalPort(), "--cacert",
          etcd.pki().etcdCaCert().toString(), "--connect-timeout", "500ms"));

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
      assertThat(run.err).contains("did not accept a connection within 500 ms");
    }
  }

  @Test
  void aConnectingCallPrintsNothingButItsOwnOutput() throws Exception {
    // what users get: gRPC relocated into the assertions jar, as `install` or `verify` build it (not `test` in the reactor)
    assumeTrue(getClass().getClassLoader().getResource("io/github/etcdregistry/internal/shaded/io/grpc/ManagedChannel.class") != null,
        "needs the packaged, relocated assertions jar: run with mvn verify or install");
    // a fresh JVM: the libraries inside log their start-up once per process
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), EtcdRegistryCli.class.getName(), "keys", "--endpoints", etcd.etcdEndpoint().toString(),
        "--cacert", etcd.pki().etcdCaCert().toString(), "--cert", etcd.pki().apiserverEtcdClientCert().toString(),
        "--key", etcd.pki().apiserverEtcdClientKey().toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor()).as(err).isZero();
    assertThat(err).isEmpty();
  }

  @Test
  void badUsageExitsTwo() {
    assertThat(run("audit", "--skip", "everything").exitCode).isEqualTo(2);
    assertThat(run("audit", "--output", "xml").exitCode).isEqualTo(2);
  }

  /** A mistyped command or option is named alone: the other arguments hold certificate paths and endpoints. */
  @Test
  void anUnknownCommandOrOptionIsNamedWithoutEchoingTheArguments() {
    Run command = run("kyes");
    Run option = run("keys", "--prefix-only=/etc/kubernetes/pki/etcd/peer.key");
    Run extra = run("get", "/registry/secrets/default/db", "/etc/kubernetes/pki/etcd/ca.key");

    assertThat(command.exitCode).isEqualTo(2);
    assertThat(command.err).startsWith("etcd-registry: unknown command 'kyes'; the commands are keys, get, audit, report, snapshot-audit");
    assertThat(option.exitCode).isEqualTo(2);
    assertThat(option.err).startsWith("etcd-registry keys: unknown option '--prefix-only'").doesNotContain("peer.key");
    assertThat(extra.exitCode).isEqualTo(2);
    assertThat(extra.err).startsWith("etcd-registry get: one argument too many").doesNotContain("ca.key");
    for (Run run : List.of(command, option, extra)) {
      assertThat(run.err).doesNotContain(etcd.pki().etcdCaCert().toString(), etcd.pki().apiserverEtcdClientKey().toString(),
          etcd.etcdEndpoint().toString());
    }
  }

  /** Runs against the test's etcd, with kube-apiserver's client certificate. */
  private Run run(String... arguments) {
    List<String> all = new ArrayList<>(List.of(arguments));
    all.addAll(List.of("--endpoints", etcd.etcdEndpoint().toString(), "--cacert", etcd.pki().etcdCaCert().toString(),
        "--cert", etcd.pki().apiserverEtcdClientCert().toString(), "--key", etcd.pki().apiserverEtcdClientKey().toString()));
    return execute(all);
  }

  /** Runs, and checks that the failure came within 3 s: the default connect timeout is 2 s. */
  private Run timed(List<String> all) {
    long started = System.nanoTime();
    Run run = execute(all);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as(run.err).isLessThan(Duration.ofSeconds(3));
    return run;
  }

  private Run execute(List<String> all) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = EtcdRegistryCli.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(all.toArray(String[]::new));
    return new Run(exitCode, out.toString(), err.toString());
  }

  private record Run(int exitCode, String out, String err) {}

  private static void put(String key, String value) throws Exception {
    etcd.etcdClient().getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8), ByteSequence.from(value, StandardCharsets.UTF_8)).get();
  }
}
