package io.netpool.monitor.inventory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An inventory file that cannot be used, with every problem found in it (not only the first), in
 * file order. The message lists them one per line, each as {@code file:line:column: field:
 * message}.
 */
public class InventoryException extends Exception {
  private final List<Problem> problems;

  public InventoryException(List<Problem> problems) {
    super(message(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an InventoryException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, in file order. */
  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.getFirst().toString();
    }
    return problems.size()
        + " problems in "
        + problems.getFirst().file()
        + ":\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
