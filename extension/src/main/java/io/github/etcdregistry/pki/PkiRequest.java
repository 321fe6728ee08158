package io.github.etcdregistry.pki;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/**
 * What to put in a {@link ClusterPki}: the extra subject alternative names of the etcd server
 * and kube-apiserver certificates, and how long every certificate is valid.
 *
 * <p>Start from {@link #defaults()} and add names with the {@code with...} methods; each returns
 * a new request with the given values appended to the current ones (duplicates are dropped).
 * The fixed in-cluster names of the apiserver ({@code localhost}, {@code kubernetes},
 * {@code kubernetes.default}, ..., {@code 127.0.0.1}) are always added by {@link ClusterPki} and
 * need not be listed here.
 *
 * @param etcdServerNames DNS names of the etcd server certificate
 * @param etcdServerIps IP addresses of the etcd server certificate
 * @param apiServerNames extra DNS names of the apiserver certificate
 * @param apiServerIps extra IP addresses of the apiserver certificate, e.g. the first service IP
 * @param validity how long every certificate is valid, from now
 */
public record PkiRequest(
    List<String> etcdServerNames,
    List<String> etcdServerIps,
    List<String> apiServerNames,
    List<String> apiServerIps,
    Duration validity) {

  /** The default validity of every certificate. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);

  /** The first IP of kubeadm's default service range {@code 10.96.0.0/12}. */
  public static final String DEFAULT_FIRST_SERVICE_IP = "10.96.0.1";

  private static final Pattern DNS_NAME =
      Pattern.compile("(\\*\\.)?[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?");

  public PkiRequest {
    etcdServerNames = dnsNames("etcdServerNames", etcdServerNames);
    etcdServerIps = ipAddresses("etcdServerIps", etcdServerIps);
    apiServerNames = dnsNames("apiServerNames", apiServerNames);
    apiServerIps = ipAddresses("apiServerIps", apiServerIps);
    Objects.requireNonNull(validity, "validity");
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive, was " + validity);
    }
  }

  /**
   * etcd server: DNS {@code localhost}, IP {@code 127.0.0.1}; apiserver: no extra names, IP
   * {@value #DEFAULT_FIRST_SERVICE_IP}; validity 24 hours.
   */
  public static PkiRequest defaults() {
    return new PkiRequest(
        List.of("localhost"),
        List.of("127.0.0.1"),
        List.of(),
        List.of(DEFAULT_FIRST_SERVICE_IP),
        DEFAULT_VALIDITY);
  }

  /** A copy with these DNS names added to the etcd server certificate, e.g. a container alias. */
  public PkiRequest withEtcdServerNames(String... names) {
    return new PkiRequest(
        appended(etcdServerNames, names), etcdServerIps, apiServerNames, apiServerIps, validity);
  }

  /** A copy with these IP addresses added to the etcd server certificate. */
  public PkiRequest withEtcdServerIps(String... ips) {
    return new PkiRequest(
        etcdServerNames, appended(etcdServerIps, ips), apiServerNames, apiServerIps, validity);
  }

  /** A copy with these DNS names added to the apiserver certificate, e.g. a container alias. */
  public PkiRequest withApiServerNames(String... names) {
    return new PkiRequest(
        etcdServerNames, etcdServerIps, appended(apiServerNames, names), apiServerIps, validity);
  }

  /** A copy with these IP addresses added to the apiserver certificate. */
  public PkiRequest withApiServerIps(String... ips) {
    return new PkiRequest(
        etcdServerNames, etcdServerIps, apiServerNames, appended(apiServerIps, ips), validity);
  }

  /** A copy whose certificates are valid for {@code validity} from generation. */
  public PkiRequest withValidity(Duration validity) {
    return new PkiRequest(etcdServerNames, etcdServerIps, apiServerNames, apiServerIps, validity);
  }

  private static List<String> appended(List<String> current, String... more) {
    Objects.requireNonNull(more, "names");
    List<String> all = new ArrayList<>(current);
    for (String value : more) {
      Objects.requireNonNull(value, "a name or IP is null");
      if (!all.contains(value)) {
        all.add(value);
      }
    }
    return all;
  }

  private static List<String> dnsNames(String what, List<String> names) {
    List<String> copy = List.copyOf(Objects.requireNonNull(names, what));
    for (String name : copy) {
      if (!DNS_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(what + ": not a DNS name: '" + name + "'");
      }
    }
    return copy.stream().distinct().toList();
  }

  private static List<String> ipAddresses(String what, List<String> ips) {
    List<String> copy = List.copyOf(Objects.requireNonNull(ips, what));
    for (String ip : copy) {
      if (!IPAddress.isValid(ip)) {
        throw new IllegalArgumentException(what + ": not an IP address: '" + ip + "'");
      }
    }
    return copy.stream().distinct().toList();
  }
}
