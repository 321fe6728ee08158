package io.github.etcdregistry.cli;

import io.github.etcdregistry.registry.EtcdRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How to reach etcd, spelled like etcdctl: the same flags, and the same {@code ETCDCTL_*} variables as defaults. */
final class Connection {

  @Option(names = "--endpoints", split = ",", paramLabel = "URL",
      defaultValue = "${env:ETCDCTL_ENDPOINTS:-127.0.0.1:2379}",
      description = "etcd client URLs, comma separated (env ETCDCTL_ENDPOINTS; default: ${DEFAULT-VALUE})")
  List<String> endpoints = new ArrayList<>();

  @Option(names = "--cacert", paramLabel = "FILE", defaultValue = "${env:ETCDCTL_CACERT}",
      description = "CA of etcd's serving certificate, e.g. /etc/kubernetes/pki/etcd/ca.crt (env ETCDCTL_CACERT)")
  Path cacert;

  @Option(names = "--cert", paramLabel = "FILE", defaultValue = "${env:ETCDCTL_CERT}",
      description = "client certificate, e.g. /etc/kubernetes/pki/apiserver-etcd-client.crt (env ETCDCTL_CERT)")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", defaultValue = "${env:ETCDCTL_KEY}",
      description = "client key, e.g. /etc/kubernetes/pki/apiserver-etcd-client.key (env ETCDCTL_KEY)")
  Path key;

  @Option(names = {"--connect-timeout", "--dial-timeout"}, paramLabel = "DURATION", defaultValue = "2s",
      converter = Durations.class,
      description = "how long connecting may take before the cause is named, e.g. 500ms, 5s (default: ${DEFAULT-VALUE})")
  Duration connectTimeout;

  @Mixin
  Decoding decoding = new Decoding();

  EtcdRegistry connect() {
    EtcdRegistry.Builder builder = EtcdRegistry.builder().prefix(decoding.prefix).encryptionKeys(decoding.keys())
        .connectTimeout(connectTimeout);
    for (String endpoint : endpoints) {
      builder.endpoints(url(endpoint.trim()));
    }
    if (cacert != null) {
      builder.trustedCa(cacert);
    }
    if (cert != null || key != null) {
      if (cert == null || key == null) {
        throw new IllegalArgumentException("Give both --cert and --key (or ETCDCTL_CERT and ETCDCTL_KEY), not only one");
      }
      builder.clientCertificate(cert, key);
    }
    return builder.build();
  }

  /** Like etcdctl, {@code host:port} is TLS when a CA is given and plain HTTP otherwise. */
  private String url(String endpoint) {
    if (endpoint.contains("://")) {
      return endpoint;
    }
    return (cacert != null ? "https://" : "http://") + endpoint;
  }

  /** Durations as etcdctl spells them ({@code 500ms}, {@code 2s}, {@code 1m}), or ISO-8601 ({@code PT2S}). */
  static final class Durations implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern GO = Pattern.compile("(\\d+)(ms|s|m)");

    @Override
    public Duration convert(String value) {
      Matcher go = GO.matcher(value);
      if (go.matches()) {
        long amount = Long.parseLong(go.group(1));
        return switch (go.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          default -> Duration.ofMinutes(amount);
        };
      }
      try {
        return Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("not a duration: '" + value + "'; give e.g. 500ms, 2s or 1m");
      }
    }
  }
}
