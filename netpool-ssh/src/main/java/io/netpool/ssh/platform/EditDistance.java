package io.netpool.ssh.platform;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The closest known word to a misspelt one, for "did you mean" hints (platform names in {@link
 * PlatformRegistry#didYouMean}, profile keys in errors). Public so that other modules can give the
 * same hints with the same rule.
 */
public final class EditDistance {
  private EditDistance() {}

  /**
   * The candidate closest to {@code word} (case-insensitive {@link #distance edit distance}), if it
   * is close enough to be a likely typo: at most 1 edit for words up to 4 characters, else at most
   * a third of the word's length (and 3). Ties go to the first candidate in iteration order.
   */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    if (word == null || word.isBlank()) {
      return Optional.empty();
    }
    String w = word.strip().toLowerCase(Locale.ROOT);
    int limit = Math.max(1, Math.min(3, w.length() / 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /**
   * Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbouring
   * characters as one edit (optimal string alignment).
   */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
