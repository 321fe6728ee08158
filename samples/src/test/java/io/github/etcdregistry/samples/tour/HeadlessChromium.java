package io.github.etcdregistry.samples.tour;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, one fresh profile per run: takes screenshots and dumps the DOM after the
 * page's scripts ran. {@code scripts/chromium} installs it.
 */
final class HeadlessChromium {

  /** A guard against a hung browser, not a measure of anything. */
  private static final long GIVE_UP_MINUTES = 2;

  private final Path executable;
  private final Path workDirectory;
  private int runs;

  private HeadlessChromium(Path executable, Path workDirectory) {
    this.executable = executable;
    this.workDirectory = workDirectory;
  }

  /** Finds {@code chromium} on the PATH; its profiles go under {@code workDirectory}, which the caller removes. */
  static HeadlessChromium onPath(Path workDirectory) {
    Path found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(directory -> Path.of(directory, "chromium"))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No chromium on the PATH: install it with scripts/chromium"
            + " (Debian's chromium package)"));
    return new HeadlessChromium(found, workDirectory);
  }

  /** A PNG of {@code url} in a window of {@code width} x {@code height}. */
  Path screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
    run(List.of("--screenshot=" + png, "--window-size=" + width + "," + height, url));
    return png;
  }

  /** The DOM of {@code url} once loaded, scripts run, serialized as HTML. */
  String dumpDom(String url) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", url));
  }

  private String run(List<String> arguments) throws IOException, InterruptedException {
    Path profile = Files.createDirectory(workDirectory.resolve("chromium-profile-" + (++runs)));
    Path stdout = workDirectory.resolve("chromium-" + runs + ".out");
    Path stderr = workDirectory.resolve("chromium-" + runs + ".err");
    List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    // Beside the profile, chromium keeps crash reports and dconf settings under the home directory: keep them here too.
    builder.environment().put("HOME", workDirectory.toString());
    builder.environment().put("XDG_CONFIG_HOME", workDirectory.resolve(".config").toString());
    builder.environment().put("XDG_CACHE_HOME", workDirectory.resolve(".cache").toString());
    Process chromium = builder.start();
    if (!chromium.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES)) {
      chromium.descendants().forEach(ProcessHandle::destroyForcibly);
      chromium.destroyForcibly().waitFor();
      throw new IllegalStateException("chromium did not finish within " + GIVE_UP_MINUTES + " minutes: " + command);
    }
    if (chromium.exitValue() != 0) {
      throw new IllegalStateException("chromium exited with " + chromium.exitValue() + ": " + command + "\n"
          + text(stderr));
    }
    return text(stdout);
  }

  /** Lenient about encoding: chromium's logs are not always valid UTF-8. */
  private static String text(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
