package io.netpool.monitor.ping;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Junos {@code <ping-results>} (NETCONF or {@code | display xml}): counts, loss, and RTTs in
 * microseconds, including the device's {@code rtt-stddev}; there are no per-reply times in it.
 */
final class JunosXmlSummary {
  private static final Pattern XML_SUMMARY =
      Pattern.compile("<probe-results-summary>(.*?)</probe-results-summary>", Pattern.DOTALL);

  private JunosXmlSummary() {}

  /** The result of the summary, or null when {@code text} holds none. */
  static PingResult parse(String text, boolean unreachable) {
    Matcher m = XML_SUMMARY.matcher(text);
    if (!m.find()) {
      return null;
    }
    String body = m.group(1);
    Integer sent = xmlInt(body, "probes-sent");
    Integer received = xmlInt(body, "responses-received");
    if (sent == null || received == null) {
      return PingResult.error("Junos ping-results without probe counts");
    }
    String loss = xmlText(body, "packet-loss");
    BigDecimal[] rtt = null;
    String min = xmlText(body, "rtt-minimum");
    String avg = xmlText(body, "rtt-average");
    String max = xmlText(body, "rtt-maximum");
    if (min != null && avg != null && max != null) {
      rtt = PingOutputParser.rtt(min, avg, max, "us");
    }
    String stddev = xmlText(body, "rtt-stddev");
    PingResult summary =
        PingResult.of(sent, received, loss == null ? null : new BigDecimal(loss), rtt, unreachable);
    return summary.withDetails(
        RttStats.summaryOnly(stddev == null ? null : PingOutputParser.ms(stddev, "us")),
        null,
        null);
  }

  private static Integer xmlInt(String body, String tag) {
    String t = xmlText(body, tag);
    return t == null ? null : Integer.valueOf(t);
  }

  private static String xmlText(String body, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">\\s*([^<]*?)\\s*</" + tag + ">").matcher(body);
    return m.find() ? m.group(1) : null;
  }
}
