package io.github.etcdregistry.samples.tour;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.audit.AuditReport;
import io.github.etcdregistry.audit.StorageAudit;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.TestNamespace;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.report.HtmlReport;
import io.github.etcdregistry.report.KeyFamily;
import io.github.etcdregistry.report.KeyNode;
import io.github.etcdregistry.report.RegistryTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of a real registry, opened in headless Chromium: what a workshop attendee sees, and the search. */
@WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS)
class HtmlReportInBrowserTest {

  @TempDir
  Path directory;

  private RegistryTree tree;
  private String reportUrl;
  private String podKey;
  private String secretKey;

  @BeforeEach
  void writeReport(KubernetesClient kube, EtcdRegistry registry, TestNamespace namespace) {
    String ns = namespace.name();
    kube.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("nginx").endMetadata()
        .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec().build()).create();
    kube.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
        .addToData("mode", "fast").build()).create();
    kube.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
        .addToStringData("password", "s3cr3t-value").build()).create();
    podKey = "/registry/pods/" + ns + "/nginx";
    secretKey = "/registry/secrets/" + ns + "/db";

    tree = RegistryTree.of(registry);
    Path report = HtmlReport.of(tree).writeTo(directory.resolve("report.html"));
    reportUrl = report.toUri().toString();
  }

  @Test
  void theReportRendersWithEveryFamilyAndKey() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.onPath(directory);

    Path png = chromium.screenshot(reportUrl, directory.resolve("report.png"), 1280, 2000);
    ReportDom dom = new ReportDom(chromium.dumpDom(reportUrl));

    assertThat(png).isRegularFile();
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.size(png)).as("a screenshot with content, not a blank page").isGreaterThan(20_000);
    assertThat(dom.visibleFamilies()).containsExactlyElementsOf(tree.families().stream().map(KeyFamily::name).toList())
        .contains("pods", "configmaps", "secrets", "namespaces");
    assertThat(dom.visibleKeys()).containsExactlyElementsOf(allKeys()).contains(podKey, secretKey);
    assertThat(dom.matchCount()).isEqualTo(tree.size() + " of " + tree.size() + " keys");
  }

  @Test
  void theAuditViewRendersAboveTheKeysAndTheSearchStillWorks(EtcdRegistry registry) throws Exception {
    AuditReport audit = StorageAudit.of(registry).run();
    String url = HtmlReport.of(tree).withAudit(audit).writeTo(directory.resolve("audit.html")).toUri().toString();

    String html = HeadlessChromium.onPath(directory).dumpDom(url + "#q=nginx");
    ReportDom dom = new ReportDom(html);

    assertThat(html.indexOf("<section id=\"audit\"")).isPositive().isLessThan(html.indexOf("<details class=\"family\""));
    assertThat(html.split("<g class=\"bar\"", -1)).hasSize(Math.min(25, audit.resources().size()) + 1);
    assertThat(html).contains("<li class=\"plain-secret\"><code>" + secretKey + "</code></li>").doesNotContain("s3cr3t-value");
    assertThat(dom.visibleKeys()).containsExactlyElementsOf(keysMatching("nginx"));
  }

  @Test
  void aSearchInTheAddressFiltersKeysByPath() throws Exception {
    ReportDom dom = new ReportDom(HeadlessChromium.onPath(directory).dumpDom(reportUrl + "#q=nginx"));

    List<String> expected = keysMatching("nginx");
    assertThat(dom.visibleKeys()).containsExactlyElementsOf(expected).contains(podKey).allMatch(key -> key.contains("nginx"));
    assertThat(dom.hiddenKeys()).hasSize(tree.size() - expected.size()).contains(secretKey);
    assertThat(dom.visibleFamilies()).containsExactly("pods");
    assertThat(dom.matchCount()).isEqualTo(expected.size() + " of " + tree.size() + " keys");
  }

  @Test
  void aSearchMatchesKindsToo() throws Exception {
    ReportDom dom = new ReportDom(HeadlessChromium.onPath(directory).dumpDom(reportUrl + "?q=Secret"));

    List<String> expected = keysMatching("secret");
    assertThat(dom.visibleKeys()).containsExactlyElementsOf(expected).contains(secretKey).doesNotContain(podKey);
    assertThat(dom.visibleFamilies()).contains("secrets").doesNotContain("pods");
    assertThat(dom.matchCount()).isEqualTo(expected.size() + " of " + tree.size() + " keys");
  }

  @Test
  void secretValuesNeverReachThePage() throws Exception {
    String dom = HeadlessChromium.onPath(directory).dumpDom(reportUrl);

    assertThat(dom).contains("password: &lt;redacted&gt;").doesNotContain("s3cr3t-value", "czNjcjN0LXZhbHVl");
  }

  /** What the search box promises: keys whose path or kind contains the query, in any case. */
  private List<String> keysMatching(String query) {
    return allNodes().stream()
        .filter(node -> node.key().toLowerCase(Locale.ROOT).contains(query) || node.kind().toLowerCase(Locale.ROOT).contains(query))
        .map(KeyNode::key)
        .toList();
  }

  private List<KeyNode> allNodes() {
    return tree.families().stream().flatMap(family -> family.keys().stream()).toList();
  }

  private List<String> allKeys() {
    return allNodes().stream().map(KeyNode::key).toList();
  }
}
