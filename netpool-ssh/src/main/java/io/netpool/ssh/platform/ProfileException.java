package io.netpool.ssh.platform;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One or more broken platform profiles. Each problem names its file and, where the problem has a
 * place in the file, its line and column (1-based) and the field: {@code <file>:<line>:<column>:
 * <field path>: <what is wrong>}, for example {@code /etc/netpool/platforms/acme.yaml:7:3:
 * ping.syntax: unknown syntax 'cisc'; known: cisco, nxos, junos, eos, dash, linux}. The message is
 * the problems, one per line.
 */
public final class ProfileException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem.
   *
   * @param file the profile file (path or resource name)
   * @param line 1-based line, or 0 when the problem concerns the whole file or directory
   * @param column 1-based column, or 0 with {@code line} 0
   * @param field field path such as {@code ping.syntax} or {@code privilege_levels[1].pattern}, or
   *     null when the problem is not about one field (invalid YAML, unreadable file)
   * @param message what is wrong
   */
  public record Problem(String file, int line, int column, String field, String message) {
    public Problem {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(file);
      if (line > 0) {
        b.append(':').append(line).append(':').append(column);
      }
      b.append(": ");
      if (field != null && !field.isEmpty()) {
        b.append(field).append(": ");
      }
      return b.append(message).toString();
    }
  }

  private final transient List<Problem> problems;

  public ProfileException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    this.problems = List.copyOf(problems);
  }

  public ProfileException(Problem problem) {
    this(List.of(problem));
  }

  /** The problems, in file order; at least one. */
  public List<Problem> problems() {
    return problems;
  }
}
