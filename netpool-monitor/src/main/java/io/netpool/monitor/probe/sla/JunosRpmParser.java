package io.netpool.monitor.probe.sla;

import io.netpool.monitor.probe.sla.SlaStats.Outcome;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Junos' {@code show services rpm probe-results owner <owner> test <test>} (text output): the
 * {@code Results over last test} section, i.e. the latest completed test, plus the probe type and
 * the latest probe's status.
 *
 * <p>Which values are taken:
 *
 * <ul>
 *   <li>RTT from {@code Measurement: Round trip time}, in microseconds on the router;
 *   <li>jitter SD/DS from a single {@code Measurement: Egress jitter} / {@code Ingress jitter}
 *       average where printed. Junos prints jitter split into positive and negative measurements
 *       (as {@code Positive/Negative round trip jitter} in the fixture); those are not combined,
 *       since {@link SlaStats} holds only values the router printed, so jitter is usually null. The
 *       round-trip jitter of {@code icmp-ping} has no direction and no field;
 *   <li>one-way delay never: Junos prints egress/ingress delays with timestamps but never says
 *       whether the two clocks are synchronised, which its documentation requires for one-way
 *       values to mean anything;
 *   <li>return code from the first line under {@code Probe results:} ({@code Response received} is
 *       a good probe); last run from {@code Test completed on ...}.
 * </ul>
 *
 * <p>Junos prints nothing for an owner/test it does not have: an empty output is {@link
 * Outcome#NOT_CONFIGURED}. A test without a completed test yet (no {@code Results over last test})
 * is {@link Outcome#NOT_RUNNING}. When several tests are printed, the first is read.
 */
public final class JunosRpmParser implements SlaParser {
  private static final Pattern OWNER =
      Pattern.compile("^[ \\t]*Owner:[ \\t]*\\S+", Pattern.MULTILINE);
  private static final Pattern PROBE_TYPE =
      Pattern.compile("Probe type:[ \\t]*([^,\\s]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern PROBE_RESULTS =
      Pattern.compile("^[ \\t]*Probe results:[ \\t]*\\n", Pattern.MULTILINE);
  private static final Pattern RESULTS_OVER =
      Pattern.compile("^[ \\t]*Results over ([a-z ]+?)[ \\t]*:", Pattern.MULTILINE);
  private static final Pattern COUNTS =
      Pattern.compile(
          "Probes sent:[ \\t]*(\\d+),[ \\t]*Probes received:[ \\t]*(\\d+)"
              + "(?:,[ \\t]*Loss percentage:[ \\t]*(\\d+(?:\\.\\d+)?))?");
  private static final Pattern COMPLETED =
      Pattern.compile("Test completed on[ \\t]+(.+?)[ \\t]*$", Pattern.MULTILINE);
  private static final Pattern MEASUREMENT =
      Pattern.compile("^[ \\t]*Measurement:[ \\t]*(.+?)[ \\t]*$", Pattern.MULTILINE);
  private static final Pattern ERROR =
      Pattern.compile("^[ \\t]*error:.*$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  @Override
  public SlaStats parse(String output) {
    try {
      return read(output);
    } catch (RuntimeException e) {
      // Last resort of the never-throw contract: a bug here must not stop the probe.
      return SlaStats.without(Outcome.UNREADABLE, "parser failed: " + e);
    }
  }

  private static SlaStats read(String output) {
    if (output == null) {
      return SlaStats.without(Outcome.UNREADABLE, "no output");
    }
    String text = SlaText.normalize(output);
    if (text.isBlank()) {
      return SlaStats.without(
          Outcome.NOT_CONFIGURED, "empty output (Junos prints nothing for an unknown owner/test)");
    }
    String test = firstTest(text);
    if (test == null) {
      // Junos' own "error: ..." line says why, when there is one.
      Matcher error = ERROR.matcher(text);
      return SlaStats.without(
          Outcome.UNREADABLE,
          error.find()
              ? error.group().trim()
              : "no 'Owner:' line: not an RPM probe-results output");
    }
    String lastTest = section(test, "last test");
    if (lastTest == null) {
      String why =
          section(test, "current test") != null
              ? "no completed test yet (only 'Results over current test')"
              : "no results yet";
      return SlaStats.without(Outcome.NOT_RUNNING, why + ": " + SlaText.firstLine(test));
    }
    return fields(test, lastTest);
  }

  /** From the first {@code Owner:} line to the next one, or null without one. */
  private static String firstTest(String text) {
    Matcher m = OWNER.matcher(text);
    if (!m.find()) {
      return null;
    }
    int start = m.start();
    return m.find() ? text.substring(start, m.start()) : text.substring(start);
  }

  /** The body of {@code Results over <scope>:} up to the next such heading, or null. */
  private static String section(String test, String scope) {
    Matcher m = RESULTS_OVER.matcher(test);
    while (m.find()) {
      if (m.group(1).equalsIgnoreCase(scope)) {
        int start = m.end();
        return m.find() ? test.substring(start, m.start()) : test.substring(start);
      }
    }
    return null;
  }

  private static SlaStats fields(String test, String lastTest) {
    Matcher type = PROBE_TYPE.matcher(test);
    Matcher counts = COUNTS.matcher(lastTest);
    Matcher completed = COMPLETED.matcher(lastTest);
    String status = latestProbeStatus(test);
    Measurement rtt = measurement(lastTest, "Round trip time");
    Measurement egressJitter = measurement(lastTest, "Egress jitter");
    Measurement ingressJitter = measurement(lastTest, "Ingress jitter");
    SlaStats.Builder b =
        SlaStats.read()
            .operationType(type.find() ? type.group(1).toLowerCase(Locale.ROOT) : null)
            .lastRun(completed.find() ? completed.group(1) : null)
            .returnCode(status, status == null ? null : isGood(status))
            .jitter(average(egressJitter), average(ingressJitter));
    if (counts.find()) {
      b.counts(SlaText.toInteger(counts.group(1)), SlaText.toInteger(counts.group(2)))
          .lossPercent(SlaText.toDouble(counts.group(3)));
    }
    if (rtt != null) {
      b.rtt(rtt.minMs(), rtt.avgMs(), rtt.maxMs());
    }
    return b.build();
  }

  /**
   * The first line under {@code Probe results:} up to its first comma (older releases add time).
   */
  private static String latestProbeStatus(String test) {
    Matcher m = PROBE_RESULTS.matcher(test);
    if (!m.find()) {
      return null;
    }
    String first = SlaText.firstLine(test.substring(m.end()));
    if (first == null || first.startsWith("Results over")) {
      return null;
    }
    int comma = first.indexOf(',');
    return comma < 0 ? first : first.substring(0, comma).trim();
  }

  private static boolean isGood(String status) {
    return status.toLowerCase(Locale.ROOT).startsWith("response received");
  }

  private static Double average(Measurement m) {
    return m == null ? null : m.avgMs();
  }

  /**
   * The values of {@code Measurement: <name>} (name compared without case and without a unit in
   * brackets), which may wrap over several lines, or null when it is not printed.
   */
  private static Measurement measurement(String section, String name) {
    Matcher m = MEASUREMENT.matcher(section);
    while (m.find()) {
      String printed = m.group(1).replaceAll("\\s*\\(.*\\)$", "");
      if (printed.equalsIgnoreCase(name)) {
        int start = m.end();
        String body = m.find() ? section.substring(start, m.start()) : section.substring(start);
        return Measurement.of(body);
      }
    }
    return null;
  }

  /** One measurement's minimum, average and maximum, converted from microseconds. */
  private record Measurement(Double minMs, Double avgMs, Double maxMs) {
    private static final Pattern MIN = Pattern.compile("Minimum:[ \\t]*(-?\\d+)");
    private static final Pattern MAX = Pattern.compile("Maximum:[ \\t]*(-?\\d+)");
    private static final Pattern AVG = Pattern.compile("Average:[ \\t]*(-?\\d+)");

    static Measurement of(String body) {
      return new Measurement(ms(MIN, body), ms(AVG, body), ms(MAX, body));
    }

    private static Double ms(Pattern p, String body) {
      Double usec = SlaText.toDouble(SlaText.text(p, body));
      return usec == null ? null : usec / 1000.0;
    }
  }
}
