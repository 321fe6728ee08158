package io.github.etcdregistry.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.controlplane.Setting;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The documentation's configuration reference and the code cannot drift: the settings table is generated from
 * {@link Setting}, and every {@code @WithEtcdRegistry} attribute is described. Regenerate the table with
 * {@code mvn -pl extension test -Dtest=ConfigurationReferenceTest -Ddocs.update=true}.
 */
class ConfigurationReferenceTest {

  private static final Path PAGE = Path.of("..", "docs", "configuration.md");
  private static final String START = "<!-- settings:start -->";
  private static final String END = "<!-- settings:end -->";

  @Test
  void theSettingsTablesAreGeneratedFromTheDeclaredSettings() throws IOException {
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    int start = page.indexOf(START);
    int end = page.indexOf(END);
    assertThat(start).as(PAGE + " marks the generated settings with " + START + " and " + END).isNotNegative().isLessThan(end);
    String expected = page.substring(0, start + START.length()) + System.lineSeparator() + settingsTables() + page.substring(end);
    if (Boolean.getBoolean("docs.update")) {
      Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
    }

    assertThat(page).as("docs/configuration.md is generated from Setting: run mvn -pl extension test"
        + " -Dtest=ConfigurationReferenceTest -Ddocs.update=true").isEqualTo(expected);
  }

  @Test
  void everyAttributeOfTheAnnotationIsDescribed() throws IOException {
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    String attributes = page.substring(page.indexOf("## `@WithEtcdRegistry` attributes"), page.indexOf(START));

    assertThat(Arrays.stream(WithEtcdRegistry.class.getDeclaredMethods()).map(Method::getName))
        .allSatisfy(attribute -> assertThat(attributes).as("the attributes table of " + PAGE).contains("`" + attribute + "`"));
  }

  /** One table per scope, in the order the settings are declared. */
  private static String settingsTables() {
    StringBuilder tables = new StringBuilder("<!-- Generated from io.github.etcdregistry.controlplane.Setting by ConfigurationReferenceTest;"
        + " change the settings there. -->").append(System.lineSeparator());
    for (Setting.Scope scope : Setting.Scope.values()) {
      tables.append(System.lineSeparator()).append("### ").append(scope.title()).append(System.lineSeparator())
          .append(System.lineSeparator()).append("| property | environment | default | meaning |").append(System.lineSeparator())
          .append("|---|---|---|---|").append(System.lineSeparator());
      tables.append(Arrays.stream(Setting.values()).filter(setting -> setting.scope() == scope)
          .map(setting -> "| `" + setting.key() + "` | `" + setting.environmentName() + "` | " + setting.defaultValue() + " | "
              + setting.description() + " |" + System.lineSeparator())
          .collect(Collectors.joining()));
    }
    return tables.append(System.lineSeparator()).toString();
  }
}
