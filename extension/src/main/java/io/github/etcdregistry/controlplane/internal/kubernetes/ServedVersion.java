package io.github.etcdregistry.controlplane.internal.kubernetes;

import io.github.etcdregistry.controlplane.KubernetesVersion;
import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release a running kube-apiserver reports on {@code /version}: the truth also when a binary or image was given
 * by path or name, whatever version was asked for.
 */
public final class ServedVersion {

  // {"major":"1","minor":"37","gitVersion":"v1.37.2",...}; a suffix such as -rc.0 or +vendor is left aside
  private static final Pattern GIT_VERSION = Pattern.compile("\"gitVersion\"\\s*:\\s*\"v?(\\d+\\.\\d+\\.\\d+)");

  private ServedVersion() {}

  /** Empty when {@code /version} does not answer or names no release (a development build says v0.0.0). */
  public static Optional<KubernetesVersion> of(HttpsProbe adminProbe, URI kubeApiServer) {
    HttpsProbe.Response response = adminProbe.get(kubeApiServer.resolve("/version"));
    if (response == null || response.status() != 200) {
      return Optional.empty();
    }
    return parse(response.body());
  }

  public static Optional<KubernetesVersion> parse(String versionJson) {
    Matcher matcher = GIT_VERSION.matcher(versionJson);
    if (!matcher.find() || matcher.group(1).startsWith("0.")) {
      return Optional.empty();
    }
    return Optional.of(KubernetesVersion.parse(matcher.group(1)));
  }
}
