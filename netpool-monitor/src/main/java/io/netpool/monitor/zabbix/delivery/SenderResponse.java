package io.netpool.monitor.zabbix.delivery;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's answer to one {@code sender data} request, parsed from its {@code info} string.
 *
 * <p>Zabbix answers {@code "response":"success"} even when it rejected some values: only {@link
 * #failed()} tells that items were unknown, disabled, not of trapper type or did not allow this
 * sender's address.
 *
 * @param processed values the server accepted
 * @param failed values the server rejected
 * @param total values the server received
 * @param secondsSpent server-side processing time in seconds
 */
public record SenderResponse(int processed, int failed, int total, double secondsSpent) {

  // Current servers: "processed: 2; failed: 0; total: 2; seconds spent: 0.000055".
  // Zabbix 2.x:      "Processed 2 Failed 0 Total 2 Seconds spent 0.000055".
  private static final Pattern INFO =
      Pattern.compile(
          "processed:?\\s*(\\d+)\\s*;?\\s*failed:?\\s*(\\d+)\\s*;?\\s*total:?\\s*(\\d+)"
              + "\\s*;?\\s*seconds\\s+spent:?\\s*([0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)",
          Pattern.CASE_INSENSITIVE);

  /** True when the server accepted every value it received. */
  public boolean allProcessed() {
    return failed == 0;
  }

  /**
   * Parses an {@code info} string in either the current or the Zabbix 2.x spelling.
   *
   * @return empty when the string does not have the expected shape
   */
  public static Optional<SenderResponse> parseInfo(String info) {
    Objects.requireNonNull(info, "info");
    Matcher m = INFO.matcher(info.strip());
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SenderResponse(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Double.parseDouble(m.group(4))));
    } catch (NumberFormatException e) { // counts beyond int range
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "processed: %d; failed: %d; total: %d; seconds spent: %f",
        processed,
        failed,
        total,
        secondsSpent);
  }
}
