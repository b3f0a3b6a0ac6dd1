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
 *       average where printed; else, since Junos splits jitter into positive and negative
 *       measurements ({@code Positive/Negative egress jitter}, as {@code Positive/Negative round
 *       trip jitter} in the fixture), the mean size of all samples of the direction: {@code
 *       (positive Sum + negative Sum) / (positive Samples + negative Samples)}, from the printed
 *       values, when both are printed. The round-trip jitter of {@code icmp-ping} has no direction
 *       and no field;
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
    return SlaParser.guarded(output, JunosRpmParser::read);
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
    Double egressJitter = jitter(lastTest, "egress");
    Double ingressJitter = jitter(lastTest, "ingress");
    SlaStats.Builder b =
        SlaStats.read()
            .operationType(type.find() ? type.group(1).toLowerCase(Locale.ROOT) : null)
            .lastRun(completed.find() ? completed.group(1) : null)
            .returnCode(status, status == null ? null : isGood(status))
            .jitter(egressJitter, ingressJitter);
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

  /**
   * A direction's average jitter: its own measurement, or the positive and negative ones' samples
   * together.
   */
  private static Double jitter(String section, String direction) {
    Measurement whole = measurement(section, direction + " jitter");
    if (whole != null) {
      return whole.avgMs();
    }
    Measurement up = measurement(section, "Positive " + direction + " jitter");
    Measurement down = measurement(section, "Negative " + direction + " jitter");
    if (up == null
        || down == null
        || up.samples() == null
        || down.samples() == null
        || up.sumMs() == null
        || down.sumMs() == null
        || up.samples() + down.samples() <= 0) {
      return null;
    }
    double mean = (up.sumMs() + down.sumMs()) / (up.samples() + down.samples());
    return Math.round(mean * 1000.0) / 1000.0;
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

  /** One measurement's minimum, average, maximum and sum (from microseconds) and samples. */
  private record Measurement(
      Double minMs, Double avgMs, Double maxMs, Integer samples, Double sumMs) {
    private static final Pattern MIN = Pattern.compile("Minimum:[ \\t]*(-?\\d+)");
    private static final Pattern MAX = Pattern.compile("Maximum:[ \\t]*(-?\\d+)");
    private static final Pattern AVG = Pattern.compile("Average:[ \\t]*(-?\\d+)");
    private static final Pattern SAMPLES = Pattern.compile("Samples:[ \\t]*(\\d+)");
    private static final Pattern SUM = Pattern.compile("Sum:[ \\t]*(-?\\d+)");

    static Measurement of(String body) {
      return new Measurement(
          ms(MIN, body),
          ms(AVG, body),
          ms(MAX, body),
          SlaText.toInteger(SlaText.text(SAMPLES, body)),
          ms(SUM, body));
    }

    private static Double ms(Pattern p, String body) {
      Double usec = SlaText.toDouble(SlaText.text(p, body));
      return usec == null ? null : usec / 1000.0;
    }
  }
}
