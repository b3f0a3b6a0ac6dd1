package io.netpool.monitor.inventory;

import io.netpool.ssh.platform.EditDistance;
import java.util.Collection;

/** "Did you mean" for keys, platform names and ids: the closest known word, if close enough. */
final class Suggest {
  private Suggest() {}

  /** The candidate closest to {@code word}, or null when none is close ({@link EditDistance}). */
  static String closest(String word, Collection<String> candidates) {
    return EditDistance.closest(word, candidates).orElse(null);
  }

  /** {@code "; did you mean 'x'?"} or an empty string. */
  static String didYouMean(String word, Collection<String> candidates) {
    String c = closest(word, candidates);
    return c == null ? "" : "; did you mean '" + c + "'?";
  }
}
