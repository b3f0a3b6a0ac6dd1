package io.netpool.monitor.inventory;

import io.netpool.monitor.inventory.YamlTree.Mark;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems and warnings found while reading one file, each with file, line, column and field
 * path. Every reader reports here, so a file's problems are all reported at once, in file order.
 */
public final class Problems {
  private final String file;
  private final List<Problem> errors = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();

  /** An empty collector for {@code file} (the path as given to the loader). */
  public Problems(String file) {
    this.file = file;
  }

  /** Reports an error at {@code at}: the file does not load. */
  public void error(Mark at, String field, String message) {
    errors.add(new Problem(file, at.line(), at.column(), field, message));
  }

  /** Reports a warning at {@code at}: the file loads. */
  public void warn(Mark at, String field, String message) {
    warnings.add(new Problem(file, at.line(), at.column(), field, message));
  }

  /** How many errors so far (a reader compares before and after to know if it reported any). */
  public int errorCount() {
    return errors.size();
  }

  /** The errors so far, in file order. */
  public List<Problem> errors() {
    List<Problem> sorted = new ArrayList<>(errors);
    sorted.sort(Problem.BY_POSITION);
    return List.copyOf(sorted);
  }

  /** The warnings so far, in file order. */
  public List<Problem> warnings() {
    List<Problem> sorted = new ArrayList<>(warnings);
    sorted.sort(Problem.BY_POSITION);
    return List.copyOf(sorted);
  }

  /** The list the YAML parser adds its own problems to. */
  List<Problem> sink() {
    return errors;
  }
}
