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
}
