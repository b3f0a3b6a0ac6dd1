package io.netpool.monitor.probe.sla;

/**
 * Reads one platform family's output of its SLA results command. Implementations never throw on any
 * output (a {@code null} or empty one included): what they cannot read is {@link
 * SlaStats.Outcome#UNREADABLE} with the reason, and the probe saves the output for sending in.
 */
@FunctionalInterface
public interface SlaParser {

  /**
   * @param output what the router printed for the command, without the echoed command and prompt
   */
  SlaStats parse(String output);

  /**
   * The never-throw contract in one place: {@code read} gets a non-null output; a null output and
   * any exception of {@code read} (a parser bug) are {@link SlaStats.Outcome#UNREADABLE}.
   */
  static SlaStats guarded(String output, java.util.function.Function<String, SlaStats> read) {
    if (output == null) {
      return SlaStats.without(SlaStats.Outcome.UNREADABLE, "no output");
    }
    try {
      return read.apply(output);
    } catch (RuntimeException e) { // a bug here must not stop the probe
      return SlaStats.without(
          SlaStats.Outcome.UNREADABLE, "parser failed (" + e.getClass().getSimpleName() + ")");
    }
  }
}
