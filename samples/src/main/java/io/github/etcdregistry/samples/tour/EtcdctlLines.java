package io.github.etcdregistry.samples.tour;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The etcdctl command lines a person can paste while the tour runs: list the keys, and read one value as the
 * bytes etcd holds.
 */
final class EtcdctlLines {

  private EtcdctlLines() {
  }

  /**
   * @param controlPlaneCommand {@code ControlPlane.etcdctlCommand()}: {@code etcdctl --endpoints=... get /registry --prefix --keys-only}
   * @param etcdctlBinary       the etcdctl to name instead of the one on PATH: the one control-plane/build exports as
   *                            ETCDREGISTRY_ETCDCTL
   * @param keyToRead           the key whose raw value the second line prints
   */
  static List<String> of(String controlPlaneCommand, Optional<String> etcdctlBinary, String keyToRead) {
    String listKeys = etcdctlBinary
        .map(binary -> controlPlaneCommand.replaceFirst("^etcdctl(?=\\s)", Matcher.quoteReplacement(binary)))
        .orElse(controlPlaneCommand);
    int get = listKeys.lastIndexOf(" get ");
    String connection = get < 0 ? listKeys : listKeys.substring(0, get);
    // od is in coreutils everywhere; the value is binary protobuf, which a terminal would garble
    return List.of(listKeys, connection + " get " + keyToRead + " --print-value-only | od -A x -t x1z | head -20");
  }
}
