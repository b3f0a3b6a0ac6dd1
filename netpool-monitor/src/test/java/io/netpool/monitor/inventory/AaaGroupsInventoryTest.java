package io.netpool.monitor.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.pool.Device;
import io.netpool.ssh.AaaGroup;
import io.netpool.ssh.LoginLimits;
import io.netpool.ssh.SshOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code aaa_groups:} and the device field {@code aaa_group}: values, defaults, located errors. */
class AaaGroupsInventoryTest {
  private static final String GROUPS =
      """
      aaa_groups:
        tacacs-bj: {max_concurrent_logins: 4, logins_per_second: 2}
        radius-lab: {max_concurrent_logins: 1, logins_per_second: 0.5}
      """;

  @Test
  void groupsAreReadInFileOrderAndDevicesJoinThemOwnOrByDefault() throws Exception {
    Inventory inv =
        InventoryTestSupport.parse(
            GROUPS
                + "defaults:\n  device: {aaa_group: tacacs-bj}\n"
                + InventoryTestSupport.BASE.replace(
                    "password: {env: R2_PASS}\n",
                    "password: {env: R2_PASS}\n    aaa_group: radius-lab\n"));

    assertThat(inv.aaaGroups())
        .containsExactly(
            Map.entry("tacacs-bj", new LoginLimits(4, 2)),
            Map.entry("radius-lab", new LoginLimits(1, 0.5)));
    Device r1 = inv.toDevice("r1", SshOptions.defaults());
    Device r2 = inv.toDevice("r2", SshOptions.defaults());
    assertThat(r1.options().get(AaaGroup.class)).contains(new AaaGroup("tacacs-bj"));
    assertThat(r2.options().get(AaaGroup.class)).contains(new AaaGroup("radius-lab"));
  }

  @Test
  void aDeviceMovedToAnotherGroupIsAChangeThatReplacesItsSessions() throws Exception {
    String base =
        GROUPS
            + InventoryTestSupport.BASE.replace(
                "password: {env: R1_PASS}\n",
                "password: {env: R1_PASS}\n    aaa_group: tacacs-bj\n");
    Inventory before = InventoryTestSupport.parse(base);
    Inventory after =
        InventoryTestSupport.parse(base.replace("aaa_group: tacacs-bj", "aaa_group: radius-lab"));

    InventoryDiff diff = InventoryDiff.between(before, after);
    assertThat(diff.devicesToEvict()).extracting(DeviceSpec::id).containsExactly("r1");
    assertThat(diff.devicesChanged().get(0).fields()).containsExactly("access");
  }

  @Test
  void withoutGroupsADeviceHasNoGroupOption() throws Exception {
    Inventory inv = InventoryTestSupport.parse(InventoryTestSupport.BASE);
    assertThat(inv.aaaGroups()).isEmpty();
    assertThat(inv.toDevice("r1", SshOptions.defaults()).options().get(AaaGroup.class)).isEmpty();
  }

  @Test
  void anUnknownGroupIsAnErrorAtItsLineWithTheClosestName() {
    List<Problem> p =
        InventoryTestSupport.problems(
            GROUPS
                + InventoryTestSupport.BASE.replace(
                    "password: {env: R1_PASS}\n",
                    "password: {env: R1_PASS}\n    aaa_group: tacacs-bj1\n"));
    assertThat(p).hasSize(1);
    assertThat(p.get(0).toString())
        .isEqualTo(
            "monitor.yml:10:16: devices[0].aaa_group: unknown AAA group 'tacacs-bj1'; did you"
                + " mean 'tacacs-bj'?; groups in aaa_groups: tacacs-bj, radius-lab");
  }

  @Test
  void aGroupWithoutTheSectionIsAnError() {
    List<Problem> p =
        InventoryTestSupport.problems(
            "defaults:\n  device: {aaa_group: g1}\n" + InventoryTestSupport.BASE);
    assertThat(p).hasSize(1);
    assertThat(p.get(0).field()).isEqualTo("defaults.device.aaa_group");
    assertThat(p.get(0).message()).endsWith("the file has no aaa_groups: section");
  }

  @Test
  void badGroupsAreLocated() {
    List<Problem> p =
        InventoryTestSupport.problems(
            """
            aaa_groups:
              "bad name": {max_concurrent_logins: 1, logins_per_second: 1}
              g1: {max_concurrent_logins: 0, logins_per_second: 1}
              g2: {logins_per_second: 1}
              g3: {max_concurrent_logins: 1, logins_per_second: 1, burst: 3}
              g4: 5
            """
                + InventoryTestSupport.BASE);
    assertThat(p)
        .extracting(Problem::field)
        .containsExactly(
            "aaa_groups.bad name",
            "aaa_groups.g1.max_concurrent_logins",
            "aaa_groups.g2.max_concurrent_logins",
            "aaa_groups.g3.burst",
            "aaa_groups.g4");
    assertThat(p.get(0).toString()).startsWith("monitor.yml:2:3: aaa_groups.bad name: 'bad name'");
    assertThat(p.get(1).line()).isEqualTo(3);
  }
}
