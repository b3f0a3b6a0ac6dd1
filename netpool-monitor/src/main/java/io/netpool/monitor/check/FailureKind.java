package io.netpool.monitor.check;

import java.util.Locale;

/** Why a check produced no ping measurement. Every failed check carries one. */
public enum FailureKind {
  /**
   * Opening or using a session failed with an I/O error other than those named by the kinds below
   * (refused login, host key, enable, unrecognised prompt): TCP refused or timed out, no route, SSH
   * handshake or authentication timeout, no prompt at all after login, the session lost.
   */
  ROUTER_UNREACHABLE,
  /** The router refused the login. */
  AUTH_FAILED,
  /** The router's host key did not match the known_hosts entry (or is unknown in strict mode). */
  HOST_KEY_REJECTED,
  /** The router's circuit is open after repeated session failures: failing fast. */
  ROUTER_UNAVAILABLE,
  /**
   * No session became free in time: the pool at its global cap, a creation still in progress, or
   * the monitor's limit of concurrent checks. (A router whose sessions are all busy with its other
   * checks is not a failure: the check is skipped, {@link SkipReason#ROUTER_BUSY}.)
   */
  NO_SESSION,
  /** The ping command did not finish within its deadline; the session was discarded. */
  COMMAND_TIMEOUT,
  /** The router rejected the command (error string such as "% Invalid input"). */
  COMMAND_FAILED,
  /** The output could not be read as a ping result (see the ping result's error text). */
  UNPARSEABLE_OUTPUT,
  /** The monitor is shutting down; the check was cancelled. */
  SHUTDOWN,
  /** Anything else (a bug): the message says what. */
  INTERNAL,
  /**
   * The login was accepted but the CLI session could not reach the platform's privileged level: the
   * enable secret was rejected, or the device asked for one and the credentials have none.
   */
  ENABLE_FAILED,
  /**
   * The login was accepted but the device's prompt matches no privilege level of its platform (a
   * customised prompt, a wrong platform): reported as soon as the prompt is seen, with its text.
   */
  PROMPT_UNRECOGNISED,
  /** {@code probe: sla}: the router has no such SLA operation (entry, RPM test, NQA instance). */
  SLA_NOT_CONFIGURED,
  /** {@code probe: sla}: the operation exists but is not running (not scheduled, never run). */
  SLA_NOT_RUNNING,
  /**
   * {@code probe: sla}: the operation's last run is older than twice its frequency: its results are
   * old, not a measurement of now.
   */
  SLA_STALE;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /**
   * Whether this failure is the router's own: it could not be reached or logged into (or not into
   * its privileged level, or with a prompt it does not show), or is failing fast. Every check of
   * every line of that router fails the same way, so it is one router problem rather than a problem
   * of each line (docs/zabbix.md, "Router problems"). The others say nothing against the router
   * ({@code no_session}: the monitor's own limits) or happened after a working login (command
   * timeout, rejected command, unreadable output).
   */
  public boolean atRouter() {
    return switch (this) {
      case ROUTER_UNREACHABLE,
          AUTH_FAILED,
          HOST_KEY_REJECTED,
          ROUTER_UNAVAILABLE,
          ENABLE_FAILED,
          PROMPT_UNRECOGNISED ->
          true;
      case NO_SESSION,
          COMMAND_TIMEOUT,
          COMMAND_FAILED,
          UNPARSEABLE_OUTPUT,
          SHUTDOWN,
          INTERNAL,
          SLA_NOT_CONFIGURED,
          SLA_NOT_RUNNING,
          SLA_STALE ->
          false;
    };
  }

  /** The name in JSON, metrics, logs and Zabbix: lower case, for example {@code auth_failed}. */
  public String wireName() {
    return wireName;
  }

  /** The wire name of {@code failure}, or null for none. */
  public static String wireName(FailureKind failure) {
    return failure == null ? null : failure.wireName;
  }
}
