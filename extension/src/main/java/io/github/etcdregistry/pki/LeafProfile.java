package io.github.etcdregistry.pki;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * What an end-entity certificate says: subject, extended key usages, and subject alternative
 * names (DNS names and IP literals).
 */
record LeafProfile(X500Name subject, List<KeyPurposeId> extendedKeyUsages, List<String> dnsNames, List<String> ipAddresses) {

  LeafProfile {
    Objects.requireNonNull(subject, "subject");
    extendedKeyUsages = List.copyOf(extendedKeyUsages);
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    if (extendedKeyUsages.isEmpty()) {
      throw new IllegalArgumentException("a leaf certificate needs at least one extended key usage");
    }
  }

  /** A TLS client: {@code O=<organizations>, CN=<commonName>}, EKU clientAuth, no SANs. */
  static LeafProfile client(String commonName, String... organizations) {
    return new LeafProfile(
        subject(commonName, organizations), List.of(KeyPurposeId.id_kp_clientAuth), List.of(), List.of());
  }

  /** A TLS server: EKU serverAuth, these SANs. */
  static LeafProfile server(String commonName, List<String> dnsNames, List<String> ipAddresses) {
    return new LeafProfile(
        subject(commonName), List.of(KeyPurposeId.id_kp_serverAuth), dnsNames, ipAddresses);
  }

  /**
   * Server and client at once, like kubeadm's etcd server certificate (etcd also dials itself and
   * its peers with it): EKU serverAuth and clientAuth, these SANs.
   */
  static LeafProfile serverAndClient(String commonName, List<String> dnsNames, List<String> ipAddresses) {
    return new LeafProfile(
        subject(commonName),
        List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth),
        dnsNames,
        ipAddresses);
  }

  /** {@code O=... , CN=...}, organizations first as in kubeadm's certificates. */
  static X500Name subject(String commonName, String... organizations) {
    Objects.requireNonNull(commonName, "commonName");
    if (commonName.isBlank()) {
      throw new IllegalArgumentException("commonName is blank");
    }
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    for (String organization : List.of(organizations)) {
      if (organization.isBlank()) {
        throw new IllegalArgumentException("an organization is blank");
      }
      builder.addRDN(BCStyle.O, organization);
    }
    builder.addRDN(BCStyle.CN, commonName);
    return builder.build();
  }

  static List<String> distinct(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    second.stream().filter(value -> !all.contains(value)).forEach(all::add);
    return all;
  }
}
