package io.netpool.monitor.status;

import io.netpool.ssh.AaaGroupGates;
import io.netpool.ssh.LoginGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An AAA group's login budget as the status page shows it: its limits and its gate's counters now.
 *
 * @param name the group's name from {@code aaa_groups:}
 * @param maxConcurrentLogins its cap on logins in progress
 * @param loginsPerSecond its rate
 * @param inProgress logins in progress now
 * @param waiting logins waiting for the group now
 * @param started logins started since the group's limits were last set
 * @param throttled logins refused at the group's deadline since then
 */
public record AaaGroupInfo(
    String name,
    int maxConcurrentLogins,
    double loginsPerSecond,
    int inProgress,
    int waiting,
    long started,
    long throttled) {

  /** Every group of {@code gates}, in the order of {@code aaa_groups:}. */
  public static List<AaaGroupInfo> of(AaaGroupGates gates) {
    List<AaaGroupInfo> out = new ArrayList<>();
    for (Map.Entry<String, LoginGate> e : gates.gates().entrySet()) {
      LoginGate g = e.getValue();
      out.add(
          new AaaGroupInfo(
              e.getKey(),
              g.limits().maxConcurrentLogins(),
              g.limits().loginsPerSecond(),
              g.inFlight(),
              g.waiting(),
              g.started(),
              g.throttled()));
    }
    return List.copyOf(out);
  }
}
