package io.github.etcdregistry.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.report.KeyNode;
import io.github.etcdregistry.report.RegistryTree;
import org.junit.jupiter.api.Test;

/** The handout lays out every lesson: goal, commands, and its part of a real registry tree. */
@Workshop
class HandoutTest {

  @Test
  void everyLessonHasItsGoalCommandsAndKeys(EtcdRegistry registry) {
    Handout handout = Handout.of(RegistryTree.of(registry), "v1.37.2");
    String html = handout.render();

    for (Lesson lesson : Lesson.values()) {
      assertThat(html).contains("<section class=\"lesson\" id=\"lesson-" + lesson.number() + "\">", lesson.command(),
          lesson.mavenCommand(), "$ETCDCTL get " + lesson.keyPrefixes().get(0) + " --prefix --keys-only");
    }
    assertThat(handout.keysOf(Lesson.FIND_ETCD)).extracting(KeyNode::key)
        .contains("/registry/namespaces/default", "/registry/ranges/servicenodeports")
        .allMatch(key -> key.startsWith("/registry/namespaces/") || key.startsWith("/registry/ranges/"));
    assertThat(html).contains("data-key=\"/registry/namespaces/default\"", "The key shape /registry/&lt;resource&gt;/");
  }
}
