package io.github.etcdregistry.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The solutions are what CI runs, so each must stay the exercise with its blanks filled in: the same lines,
 * except those holding a blank ({@code ___}, {@code ___N}) or a {@code todo(...)}. And every test of an exercise
 * asks something.
 */
class ExercisesMatchSolutionsTest {

  private static final Path LESSONS = Path.of("src", "%s", "java", "io", "github", "etcdregistry", "workshop", "lessons");
  private static final Pattern BLANK = Pattern.compile("\\b___N?\\b|\\btodo\\(\"");

  @Test
  void everyLessonHasAnExerciseAndASolution() {
    for (Lesson lesson : Lesson.values()) {
      assertThat(file("exercises", lesson)).as("exercise of lesson %d", lesson.number()).isRegularFile();
      assertThat(file("solutions", lesson)).as("solution of lesson %d", lesson.number()).isRegularFile();
    }
  }

  @Test
  void solutionsDifferFromExercisesOnlyInTheBlanks() throws IOException {
    for (Lesson lesson : Lesson.values()) {
      List<String> exercise = Files.readAllLines(file("exercises", lesson));
      List<String> solution = Files.readAllLines(file("solutions", lesson));
      assertThat(solution).as("lines of the solution of lesson %d", lesson.number()).hasSameSizeAs(exercise);
      for (int i = 0; i < exercise.size(); i++) {
        if (!hasBlank(exercise.get(i))) {
          assertThat(solution.get(i)).as("line %d of lesson %d (%s)", i + 1, lesson.number(), lesson.testClass()).isEqualTo(exercise.get(i));
        } else {
          assertThat(hasBlank(solution.get(i))).as("line %d of lesson %d's solution still has a blank: %s", i + 1,
              lesson.number(), solution.get(i)).isFalse();
        }
      }
    }
  }

  @Test
  void everyTestOfAnExerciseHasABlank() throws IOException {
    for (Lesson lesson : Lesson.values()) {
      String exercise = Files.readString(file("exercises", lesson));
      String[] tests = exercise.split("@Test\\b");
      List<String> without = new ArrayList<>();
      for (int i = 1; i < tests.length; i++) {
        if (!BLANK.matcher(tests[i]).find()) {
          without.add(tests[i].lines().filter(line -> line.contains("void ")).findFirst().orElse("?").trim());
        }
      }
      assertThat(without).as("tests of lesson %d without a blank", lesson.number()).isEmpty();
    }
  }

  /** Imports are the same in both: the solutions import the blanks they no longer use. */
  private static boolean hasBlank(String line) {
    return !line.startsWith("import ") && BLANK.matcher(line).find();
  }

  private static Path file(String sourceSet, Lesson lesson) {
    return Path.of(LESSONS.toString().formatted(sourceSet)).resolve(lesson.testClass() + ".java");
  }
}
