package io.netpool.monitor.zabbix;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes like {@code 256MB}: a whole number and {@code B}, {@code KB}, {@code MB} or {@code GB}. */
final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([KMG]i?B|B)?");

  private ByteSizes() {}

  /** Bytes of a size; units are powers of 1024 ({@code KB} = {@code KiB}). */
  static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT).replace("IB", "iB"));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size; write e.g. '256MB' (units: B, KB, MB, GB)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).replace("i", "");
    int shift =
        switch (unit) {
          case "KB" -> 10;
          case "MB" -> 20;
          case "GB" -> 30;
          default -> 0;
        };
    if (n == 0) {
      throw new IllegalArgumentException("size must be greater than 0");
    }
    if (Long.numberOfLeadingZeros(n) <= shift) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    return n << shift;
  }
}
