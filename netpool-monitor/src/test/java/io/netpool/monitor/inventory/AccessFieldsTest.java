package io.netpool.monitor.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.pool.HealthCheckInterval;
import io.netpool.pool.SessionOptions;
import io.netpool.ssh.CommandTimeoutRule;
import io.netpool.ssh.IdleKeepalive;
import io.netpool.ssh.PrivilegePolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The access fields of a device (keepalive and timeout rule) in monitor.yml. */
class AccessFieldsTest {

  @Test
  void unsetFieldsLeaveNoOptionsSoTheDriversUseTheirDefaults() throws Exception {
    Inventory inv = InventoryTestSupport.parse(InventoryTestSupport.BASE);
    assertThat(inv.devices().get("r1").access()).isEqualTo(SessionOptions.NONE);
  }

  @Test
  void defaultsApplyAndADeviceOverridesThem() throws Exception {
    Inventory inv =
        InventoryTestSupport.parse(
            InventoryTestSupport.BASE
                .replace(
                    "devices:\n",
                    "defaults:\n  device: {keepalive: 4m, on_command_timeout: resync}\ndevices:\n")
                .replace(
                    "    platform: huawei_vrp\n",
                    "    platform: huawei_vrp\n    keepalive: 45s\n    keepalive_send: nul\n"
                        + "    resync_timeout: 20s\n    privilege: super 3\n"));
    SessionOptions r1 = inv.devices().get("r1").access();
    assertThat(r1.get(HealthCheckInterval.class))
        .contains(new HealthCheckInterval(Duration.ofMinutes(4)));
    assertThat(r1.get(IdleKeepalive.class)).as("newline is the default").isEmpty();
    assertThat(r1.get(CommandTimeoutRule.class))
        .contains(CommandTimeoutRule.resyncWithin(CommandTimeoutRule.DEFAULT_RESYNC_TIMEOUT));
    SessionOptions r2 = inv.devices().get("r2").access();
    assertThat(r2.get(HealthCheckInterval.class))
        .contains(new HealthCheckInterval(Duration.ofSeconds(45)));
    assertThat(r2.get(IdleKeepalive.class)).contains(IdleKeepalive.NUL);
    assertThat(r2.get(CommandTimeoutRule.class))
        .contains(CommandTimeoutRule.resyncWithin(Duration.ofSeconds(20)));
    assertThat(r2.get(PrivilegePolicy.class)).contains(PrivilegePolicy.raise("3"));
    assertThat(r1.get(PrivilegePolicy.class)).as("escalate is the default").isEmpty();
    assertThat(inv.toDevice("r2", io.netpool.ssh.SshOptions.defaults()).options())
        .as("the pool's device carries them")
        .satisfies(o -> assertThat(o.get(IdleKeepalive.class)).contains(IdleKeepalive.NUL));
  }

  @Test
  void badValuesAreProblemsAtTheirPlace() {
    assertThat(
            InventoryTestSupport.problems(
                InventoryTestSupport.BASE.replace(
                    "    platform: huawei_vrp\n",
                    "    platform: huawei_vrp\n    keepalive: 500ms\n    keepalive_send: space\n"
                        + "    on_command_timeout: retry\n    privilege: enable\n")))
        .extracting(p -> p.field() + "@" + p.line() + ": " + p.message())
        .containsExactly(
            "devices[1].keepalive@10: keepalive must be at least 1s, was '500ms'",
            "devices[1].keepalive_send@11: 'space' is not a keepalive: use newline or nul",
            "devices[1].on_command_timeout@12: 'retry' is not a timeout rule: use replace or resync",
            "devices[1].privilege@13: 'enable' is not a privilege policy: use escalate,"
                + " never-escalate or super [LEVEL]");
  }
}
