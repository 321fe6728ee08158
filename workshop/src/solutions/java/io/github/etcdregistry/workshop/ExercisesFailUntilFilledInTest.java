package io.github.etcdregistry.workshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The exercises as attendees get them, run on a control plane of their own: every test fails, and on one of its
 * blanks — a "Blank:" that was not filled in, or a TODO — never on anything else.
 */
class ExercisesFailUntilFilledInTest {

  private static final Path EXERCISE_CLASSES = Path.of("target", "exercise-classes");
  private static final String LESSONS_PACKAGE = "io.github.etcdregistry.workshop.lessons.";

  @Test
  void everyTestOfEveryExerciseFailsOnABlank() throws Exception {
    try (URLClassLoader exercises = new ExerciseClassLoader(EXERCISE_CLASSES, getClass().getClassLoader())) {
      List<Class<?>> lessons = new ArrayList<>();
      for (Lesson lesson : Lesson.values()) {
        lessons.add(exercises.loadClass(LESSONS_PACKAGE + lesson.testClass()));
      }
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(exercises);
      Events tests;
      try {
        tests = EngineTestKit.engine("junit-jupiter")
            .selectors(lessons.stream().map(lesson -> selectClass(lesson)).toArray(DiscoverySelector[]::new))
            .execute().testEvents();
      } finally {
        thread.setContextClassLoader(previous);
      }

      assertThat(tests.started().count()).as("tests the exercises run").isEqualTo(testsInExercises());
      assertThat(tests.succeeded().list()).as("exercise tests that passed with their blanks empty").isEmpty();
      for (Event failed : tests.failed().list()) {
        Throwable cause = failed.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(cause.getMessage()).as("why %s failed", failed.getTestDescriptor().getDisplayName())
            .satisfiesAnyOf(
                message -> assertThat(message).contains("Blank: ", "but was:  ___ (not filled in yet)"),
                message -> assertThat(message).startsWith("TODO: "));
      }
    }
  }

  private static long testsInExercises() throws IOException {
    Path sources = Path.of("src", "exercises", "java", "io", "github", "etcdregistry", "workshop", "lessons");
    try (Stream<Path> files = Files.list(sources)) {
      return files.flatMap(file -> {
        try {
          return Files.readAllLines(file).stream();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).filter(line -> line.trim().equals("@Test")).count();
    }
  }

  /** Loads the lessons from the exercises, child first, since the solutions on the class path have the same names. */
  private static final class ExerciseClassLoader extends URLClassLoader {

    ExerciseClassLoader(Path classes, ClassLoader parent) throws MalformedURLException {
      super(new URL[] {classes.toUri().toURL()}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(LESSONS_PACKAGE)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }
  }
}
