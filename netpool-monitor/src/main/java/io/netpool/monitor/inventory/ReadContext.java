package io.netpool.monitor.inventory;

import io.netpool.monitor.inventory.YamlTree.Mark;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a {@link FieldReader} needs besides its node: where to report problems, the folder that
 * relative paths are resolved against, and the environment that {@code {env: NAME}} secrets read.
 */
public final class ReadContext {
  private final Problems problems;
  private final Path baseDir;
  private final UnaryOperator<String> environment;

  public ReadContext(Problems problems, Path baseDir, UnaryOperator<String> environment) {
    this.problems = Objects.requireNonNull(problems, "problems");
    this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  public Problems problems() {
    return problems;
  }

  /** The folder of the file being read. */
  public Path baseDir() {
    return baseDir;
  }

  /** The value of an environment variable, or null. */
  public String env(String name) {
    return environment.apply(name);
  }

  /** Reports an error at {@code at} for the field {@code path}. */
  public void problem(Mark at, String path, String message) {
    problems.error(at, path, message);
  }
}
