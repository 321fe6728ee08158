package io.github.etcdregistry.controlplane.internal.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.Config;
import java.net.URI;
import org.junit.jupiter.api.Test;

class KubeconfigTest {

  private static final URI SERVER = URI.create("https://127.0.0.1:6443");

  @Test
  void pathsWithSpacesQuotesAndColonsReadBackAsTheyWere() throws Exception {
    String ca = "/tmp/a dir: it's \"quoted\" #1/ca.crt";
    String cert = "/tmp/*.admin/- admin: 'cert'.crt";
    String key = "/tmp/{key}: [admin] & yes/admin.key";

    String yaml = Kubeconfig.yaml(SERVER, ca, cert, key);

    JsonNode config = new YAMLMapper().readTree(yaml);
    assertThat(config.at("/clusters/0/cluster/certificate-authority").asText()).isEqualTo(ca);
    assertThat(config.at("/users/0/user/client-certificate").asText()).isEqualTo(cert);
    assertThat(config.at("/users/0/user/client-key").asText()).isEqualTo(key);
    Config client = Config.fromKubeconfig(yaml);
    assertThat(client.getCaCertFile()).isEqualTo(ca);
    assertThat(client.getClientCertFile()).isEqualTo(cert);
    assertThat(client.getClientKeyFile()).isEqualTo(key);
  }

  @Test
  void namesTheAdminAndTheClusterAsBefore() throws Exception {
    JsonNode expected = new YAMLMapper().readTree("""
        apiVersion: v1
        kind: Config
        clusters:
        - name: etcd-registry
          cluster:
            server: https://127.0.0.1:6443
            certificate-authority: /pki/ca.crt
        users:
        - name: kubernetes-admin
          user:
            client-certificate: /pki/admin.crt
            client-key: /pki/admin.key
        contexts:
        - name: etcd-registry
          context:
            cluster: etcd-registry
            user: kubernetes-admin
            namespace: default
        current-context: etcd-registry
        """);
    assertThat(new YAMLMapper().readTree(Kubeconfig.yaml(SERVER, "/pki/ca.crt", "/pki/admin.crt", "/pki/admin.key")))
        .isEqualTo(expected);
  }
}
