package io.github.etcdregistry.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  private static final String POD = """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx","namespace":"tour"},\
      "spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}""";

  private final RegistryTree tree = Nodes.tree(
      Nodes.json("/registry/pods/tour/nginx", POD),
      Nodes.json("/registry/secrets/tour/db", Nodes.SECRET),
      Nodes.json("/registry/stable.example.com/crontabs/tour/my-cron",
          "{\"apiVersion\":\"stable.example.com/v1\",\"kind\":\"CronTab\",\"metadata\":{\"name\":\"my-cron\"}}"),
      Nodes.node("/registry/ranges/servicenodeports", new byte[] {1, 2, 3}));

  @Test
  void everyFamilyAndKeyHasAStableHookForTheDom() {
    String html = HtmlReport.of(tree).render();

    assertThat(attributes(html, "data-family"))
        .containsExactly("pods", "ranges/servicenodeports", "secrets", "stable.example.com/crontabs");
    assertThat(attributes(html, "data-key")).containsExactly("/registry/pods/tour/nginx", "/registry/ranges/servicenodeports",
        "/registry/secrets/tour/db", "/registry/stable.example.com/crontabs/tour/my-cron");
    assertThat(html).contains("id=\"search\"", "id=\"match-count\" data-matches=\"4\">4 of 4 keys<");
  }

  @Test
  void eachKeyShowsKindEncodingSizeRevisionsAndItsDecodedYaml() {
    String html = HtmlReport.of(tree).render();

    assertThat(html).contains("data-kind=\"Pod\"", "<span class=\"badge encoding-json\">json</span>",
        "created at revision 7, modified at 9, written 2 times", "image: nginx:1.27",
        "custom resources crontabs.stable.example.com");
    assertThat(html).contains("<pre class=\"undecodable\">Cannot decode /registry/ranges/servicenodeports");
  }

  @Test
  void anEncryptedValueNamesProviderAndKeyAndItsKindComesFromTheKeyLayout() {
    byte[] encrypted = "k8s:enc:aescbc:v1:key1:\u0001\u0002 ciphertext".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    String html = HtmlReport.of(Nodes.tree(Nodes.node("/registry/secrets/tour/db", encrypted))).render();

    assertThat(html).contains("data-kind=\"Secret\"",
        "<span class=\"badge encoding-encrypted\">encrypted: aescbc key &quot;key1&quot;</span>",
        "<pre class=\"undecodable\">Cannot decode /registry/secrets/tour/db")
        .doesNotContain("ciphertext");
  }

  @Test
  void secretValuesAreRedactedUnlessRevealed() {
    String redacted = HtmlReport.of(tree).render();
    String revealed = HtmlReport.of(tree).revealingSecretValues(true).render();

    assertThat(redacted).contains("password: &lt;redacted&gt;", "Secret values are redacted")
        .doesNotContain("czNjcjN0LXZhbHVl", "plain-token");
    assertThat(revealed).contains("password: czNjcjN0LXZhbHVl", "token: plain-token", "Secret values are shown");
  }

  @Test
  void keysAndValuesAreEscaped() {
    String hostile = "/registry/configmaps/tour/<img src=x onerror=alert(1)>\"'&";
    String html = HtmlReport.of(Nodes.tree(Nodes.json(hostile, """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"page":"</pre><script>alert(2)</script>"}}""")))
        .titled("<b>Tour</b>")
        .render();

    assertThat(html).doesNotContain("<img", "<script>alert", "<b>Tour")
        .contains("data-key=\"/registry/configmaps/tour/&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;\"",
            "&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;", "<title>&lt;b&gt;Tour&lt;/b&gt;</title>");
  }

  @Test
  void thePageIsOneFileThatFetchesNothing() {
    String html = HtmlReport.of(tree).render();

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<script>")
        .doesNotContain("<link", " src=", " href=", "@import", "url(", "http://", "https://");
  }

  @Test
  void writeToCreatesTheDirectory(@TempDir Path directory) throws Exception {
    Path file = HtmlReport.of(tree).writeTo(directory.resolve("out/report.html"));

    assertThat(Files.readString(file)).isEqualTo(HtmlReport.of(tree).render());
  }

  private static java.util.List<String> attributes(String html, String name) {
    Matcher matcher = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(html);
    java.util.List<String> values = new java.util.ArrayList<>();
    while (matcher.find()) {
      values.add(matcher.group(1));
    }
    return values;
  }
}
