package io.github.etcdregistry.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code scripts/workshop} reads the lesson list from {@link Lesson}'s source: every lesson, in order, and nothing else. */
class WorkshopScriptTest {

  @Test
  void listsEveryLessonWithItsTitle() throws IOException, InterruptedException {
    String output = run("../scripts/workshop");

    List<String> expected = Arrays.stream(Lesson.values()).map(lesson -> "  " + lesson.number() + ". " + lesson.title()).toList();
    assertThat(output.lines().filter(line -> line.matches("  \\d+\\. .*")).toList()).isEqualTo(expected);
    assertThat(output).contains("scripts/workshop <n>", "scripts/workshop handout");
  }

  @Test
  void refusesALessonThatDoesNotExist() throws IOException, InterruptedException {
    Process process = new ProcessBuilder("../scripts/workshop", "10").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(output).contains("no lesson '10'; the lessons are 1 2 3 4 5 6 7 8 9");
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
