package io.netpool.ssh;

import java.io.IOException;
import java.util.List;

/**
 * The device and netpool share no algorithm of one category, so the key exchange failed: the
 * message names the category, what the device offered and what netpool allows for it, and how to
 * allow more ({@code algorithms:} of the device or its platform).
 */
public final class AlgorithmMismatchException extends IOException {
  private final String category;
  private final List<String> offered;
  private final List<String> allowed;

  public AlgorithmMismatchException(
      String message,
      String category,
      List<String> offered,
      List<String> allowed,
      Throwable cause) {
    super(message, cause);
    this.category = category;
    this.offered = List.copyOf(offered);
    this.allowed = List.copyOf(allowed);
  }

  /** MINA's name of the list, for example {@code kex algorithms}. */
  public String category() {
    return category;
  }

  /** What the device (server) offered. */
  public List<String> offered() {
    return offered;
  }

  /** What this session allowed. */
  public List<String> allowed() {
    return allowed;
  }
}
