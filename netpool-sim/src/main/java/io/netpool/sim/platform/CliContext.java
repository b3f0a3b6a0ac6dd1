package io.netpool.sim.platform;

import io.netpool.sim.platform.sla.SlaOperation;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.random.RandomGenerator;

/**
 * What a platform renderer sees of one CLI session (interactive shell or exec channel). Output
 * written with {@link #print} uses {@code \n}; the session converts it to the wire's line ending
 * and pages it when paging is on.
 */
public interface CliContext {

  /** The device's current hostname (may change at runtime). */
  String hostname();

  /** Text shown before the prompt, for example {@code HRP_M}; empty by default. */
  String promptPrefix();

  /** The SSH user name. */
  String username();

  /** True on an exec channel: no prompt, no paging, no echo, confirmations take their default. */
  boolean exec();

  boolean privileged();

  void privileged(boolean privileged);

  /** The CLI mode: empty at the top level, otherwise a platform word such as {@code config}. */
  String mode();

  void mode(String mode);

  /** Lines per page; 0 disables paging. */
  void terminalLength(int lines);

  int terminalLength();

  void terminalWidth(int columns);

  /** The prompt printed before the current command ({@code ""} on exec). */
  String currentPrompt();

  /** Writes output; {@code \n} ends a line. Paged on an interactive session with paging on. */
  void print(String text) throws IOException;

  default void println(String line) throws IOException {
    print(line + "\n");
  }

  /**
   * Prints {@code question} without a newline and reads one answer line with or without echo. On
   * exec returns {@code execAnswer} without reading.
   *
   * @return the answer, or null when the session ended
   */
  String ask(String question, boolean echo, String execAnswer) throws IOException;

  /** True if the user typed Ctrl-C since the command started (for endless commands). */
  boolean interrupted() throws IOException;

  /** Waits a simulated duration (scaled by the simulator's time scale). */
  void sleep(double simulatedMillis) throws IOException;

  boolean enableSecretSet();

  boolean checkEnableSecret(String secret);

  /** How the given ping target behaves on this device. */
  TargetBehaviour target(String ip);

  /** A generator for one ping toward {@code ip}: seeded, reproducible per device and target. */
  RandomGenerator pingRandom(String ip);

  /** Exit status of an exec channel (ignored in the shell). */
  void exitStatus(int status);

  /** Ends the session after this command. */
  void closeSession();

  /** Reloads the device (after a confirmed reload command). */
  void reboot();

  /** Changes the device's hostname (configuration command). */
  void hostname(String hostname);

  ZonedDateTime now();

  Duration uptime();

  /** The device's own address, used as ping source and ICMP error sender. */
  String managementIp();

  /** Whether the device routes IPv6: without it, IPv6 ping targets are refused. */
  boolean ipv6Enabled();

  /**
   * The SLA operation this router has under {@code key} (Cisco entry number {@code 10}, Junos
   * {@code owner/test}, Huawei and H3C {@code admin/test}), or null when it has none.
   */
  default SlaOperation slaOperation(String key) {
    return null;
  }

  /** Seed of this device's SLA runs (simulator seed and device id). */
  default long slaSeed() {
    return 0;
  }
}
