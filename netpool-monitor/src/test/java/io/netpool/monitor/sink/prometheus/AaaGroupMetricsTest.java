package io.netpool.monitor.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netpool.pool.Device;
import io.netpool.pool.SessionOptions;
import io.netpool.ssh.AaaGroup;
import io.netpool.ssh.AaaGroupGates;
import io.netpool.ssh.LoginGate;
import io.netpool.ssh.LoginLimits;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AaaGroupMetricsTest {
  @Test
  void oneSeriesPerGroupFollowingReloads() throws Exception {
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    AaaGroupGates groups = new AaaGroupGates(Map.of("tacacs", new LoginLimits(3, 5)));
    LoginGate pool = new LoginGate(LoginLimits.defaults(), groups);
    AaaGroupMetrics.register(r, groups);
    Device d =
        Device.of("r1", "127.0.0.1", "cisco_iosxe")
            .withOptions(SessionOptions.of(AaaGroup.class, new AaaGroup("tacacs")));

    try (LoginGate.Permit p = pool.enter(d, System.nanoTime() + TimeUnit.SECONDS.toNanos(10))) {
      assertThat(gauge(r, "netpool.aaa.group.logins.in.progress", "tacacs")).isEqualTo(1);
    }
    assertThat(gauge(r, "netpool.aaa.group.logins.in.progress", "tacacs")).isZero();
    assertThat(gauge(r, "netpool.aaa.group.logins.max", "tacacs")).isEqualTo(3);
    assertThat(gauge(r, "netpool.aaa.group.logins.per.second", "tacacs")).isEqualTo(5);
    assertThat(
            r.get("netpool.aaa.group.logins.started")
                .tag("group", "tacacs")
                .functionCounter()
                .count())
        .isEqualTo(1);

    groups.update(Map.of("radius", new LoginLimits(1, 1)));
    assertThat(r.find("netpool.aaa.group.logins.max").tag("group", "tacacs").gauge()).isNull();
    assertThat(gauge(r, "netpool.aaa.group.logins.max", "radius")).isEqualTo(1);
  }

  private static double gauge(SimpleMeterRegistry r, String name, String group) {
    return r.get(name).tag("group", group).gauge().value();
  }
}
