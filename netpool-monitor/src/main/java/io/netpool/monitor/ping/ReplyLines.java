package io.netpool.monitor.ping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the one-line-per-reply output of the platforms that print it and collects each reply's
 * round-trip time in order. Summary grammars are {@link PingOutputParser}'s job; this class reads
 * only reply lines, so a line it does not know is simply not a reply.
 *
 * <table>
 *   <caption>Reply lines per platform</caption>
 *   <tr><th>platform</th><th>reply line</th></tr>
 *   <tr><td>Linux iputils, EOS</td><td>{@code 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
 *       time=0.321 ms}, IPv6 the same with the v6 address</td></tr>
 *   <tr><td>NX-OS, Junos (not rapid)</td><td>{@code 64 bytes from 10.0.0.2: icmp_seq=0 ttl=61
 *       time=1.687 ms}; IPv6 (BSD ping6) {@code 16 bytes from 2001:db8::2, icmp_seq=0 hlim=64
 *       time=0.5 ms}</td></tr>
 *   <tr><td>H3C Comware</td><td>{@code 56 bytes from 10.0.0.2: icmp_seq=0 ttl=254 time=2.137
 *       ms}; IPv6 {@code 56 bytes from 2001::2, icmp_seq=0 hlim=64 time=1.000 ms}</td></tr>
 *   <tr><td>Huawei VRP</td><td>{@code Reply from 10.1.1.1: bytes=56 Sequence=1 ttl=255 time=3
 *       ms}; IPv6 on two lines, {@code Reply from 2001:db8::2} then {@code bytes=56 Sequence=1
 *       hop limit=64 time = 2 ms}</td></tr>
 *   <tr><td>IOS, IOS-XE, IOS-XR, Junos rapid</td><td>none: {@code !} per reply, summary
 *       only</td></tr>
 * </table>
 *
 * A reply marked {@code (DUP!)} (iputils, BSD) is a duplicate: counted, not a time of its own.
 */
final class ReplyLines {
  /** iputils, BSD ping/ping6 (NX-OS, Junos), Comware: "N bytes from ADDR[:|,] icmp_seq=...". */
  private static final Pattern BYTES_FROM =
      Pattern.compile(
          "\\d+\\s+bytes\\s+from\\s+\\S+?[:,]?\\s+icmp_seq=\\d+\\s+(?:ttl|hlim)=\\d+"
              + "\\s+time\\s*=\\s*(\\d+(?:\\.\\d+)?)\\s*ms(\\s*\\(DUP!\\))?",
          Pattern.CASE_INSENSITIVE);

  /** Huawei VRP, IPv4 on one line, IPv6 with the "Reply from" on the line before. */
  private static final Pattern VRP_REPLY =
      Pattern.compile(
          "bytes=\\d+\\s+Sequence=\\d+\\s+(?:ttl|hop\\s+limit)\\s*=\\s*\\d+"
              + "\\s+time\\s*=\\s*(\\d+(?:\\.\\d+)?)\\s*ms",
          Pattern.CASE_INSENSITIVE);

  /**
   * The replies of one output.
   *
   * @param rttsMs reply times in ms in the order printed, duplicates left out
   * @param duplicates replies marked {@code (DUP!)}
   */
  record Replies(List<BigDecimal> rttsMs, int duplicates) {}

  private ReplyLines() {}

  /** The reply lines of {@code text} (already cleaned of ANSI and carriage returns). */
  static Replies read(String text) {
    List<BigDecimal> times = new ArrayList<>();
    int duplicates = 0;
    for (String line : text.split("\n")) {
      Matcher m = BYTES_FROM.matcher(line);
      if (m.find()) {
        if (m.group(2) != null) {
          duplicates++;
        } else {
          times.add(new BigDecimal(m.group(1)));
        }
        continue;
      }
      Matcher v = VRP_REPLY.matcher(line);
      if (v.find()) {
        times.add(new BigDecimal(v.group(1)));
      }
    }
    return new Replies(times, duplicates);
  }
}
