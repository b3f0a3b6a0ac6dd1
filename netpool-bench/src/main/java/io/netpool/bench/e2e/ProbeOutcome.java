package io.netpool.bench.e2e;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.ping.PingResult;
import java.util.Locale;

/**
 * A baseline probe's result: a parsed ping (failure null) or a failure kind in the monitor's
 * vocabulary, lower case.
 */
record ProbeOutcome(PingResult ping, String failure) {

  static ProbeOutcome parsed(PingResult ping) {
    return new ProbeOutcome(ping, null);
  }

  static ProbeOutcome failed(FailureKind kind, String message) {
    return new ProbeOutcome(PingResult.error(message), kind.name().toLowerCase(Locale.ROOT));
  }
}
