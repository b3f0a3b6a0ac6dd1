package io.netpool.monitor.inventory;

import static io.netpool.monitor.inventory.InventoryTestSupport.BASE;
import static io.netpool.monitor.inventory.InventoryTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.inventory.InventoryDiff.DeviceChange;
import io.netpool.monitor.inventory.InventoryDiff.LineChange;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryDiffTest {

  private static InventoryDiff diff(String before, String after) throws InventoryException {
    return InventoryDiff.between(parse(before), parse(after));
  }

  @Test
  void sameContentOrOnlyCommentsIsEmpty() throws Exception {
    assertThat(diff(BASE, BASE).isEmpty()).isTrue();
    InventoryDiff d = diff(BASE, "# a comment\n" + BASE.replace("lines:", "lines: # the lines"));
    assertThat(d.isEmpty()).isTrue();
    assertThat(d.summary()).isEqualTo("no changes");
  }

  @Test
  void linesAddedAndRemoved() throws Exception {
    String after =
        BASE.replace(
            "  - id: l2\n    router: r2\n    target: 192.0.2.2\n",
            "  - id: l3\n    router: r2\n    target: 192.0.2.3\n");
    InventoryDiff d = diff(BASE, after);
    assertThat(d.linesAdded()).extracting(LineSpec::id).containsExactly("l3");
    assertThat(d.linesRemoved()).extracting(LineSpec::id).containsExactly("l2");
    assertThat(d.linesChanged()).isEmpty();
    assertThat(d.linesMoved()).isEmpty();
    assertThat(d.devicesChanged()).isEmpty();
  }

  @Test
  void lineChangedNamesEveryProbeField() throws Exception {
    String after =
        BASE.replace(
            "    target: 192.0.2.1\n",
            "    target: 192.0.2.9\n    interval: 1m\n    repeat: 3\n    timeout: 1s\n"
                + "    size: 100\n    vrf: V\n    source: Lo0\n    tags: [x]\n");
    InventoryDiff d = diff(BASE, after);
    assertThat(d.linesChanged()).hasSize(1);
    LineChange c = d.linesChanged().getFirst();
    assertThat(c.old().id()).isEqualTo("l1");
    assertThat(c.next().target()).isEqualTo("192.0.2.9");
    assertThat(c.fields())
        .containsExactlyInAnyOrder(
            "target", "interval", "repeat", "timeout", "size", "vrf", "source", "tags");
    assertThat(c.moved()).isFalse();
    assertThat(d.linesMoved()).isEmpty();
  }

  @Test
  void lineMovedToAnotherRouter() throws Exception {
    String after =
        BASE.replace(
            "    router: r1\n    target: 192.0.2.1", "    router: r2\n    target: 192.0.2.1");
    InventoryDiff d = diff(BASE, after);
    assertThat(d.linesMoved()).hasSize(1);
    LineChange m = d.linesMoved().getFirst();
    assertThat(m.moved()).isTrue();
    assertThat(m.old().router()).isEqualTo("r1");
    assertThat(m.next().router()).isEqualTo("r2");
    assertThat(m.fields()).containsExactly("router");
    assertThat(d.linesChanged()).isEmpty();
    assertThat(d.linesAdded()).isEmpty();
    assertThat(d.linesRemoved()).isEmpty();
  }

  @Test
  void devicesAddedAndRemoved() throws Exception {
    String after = BASE.replace("  - id: r2\n", "  - id: r3\n").replace("router: r2", "router: r3");
    InventoryDiff d = diff(BASE, after);
    assertThat(d.devicesAdded()).extracting(DeviceSpec::id).containsExactly("r3");
    assertThat(d.devicesRemoved()).extracting(DeviceSpec::id).containsExactly("r2");
    assertThat(d.linesMoved()).extracting(c -> c.next().id()).containsExactly("l2");
  }

  @Test
  void sessionRelevantDeviceChangesAskForEviction() throws Exception {
    String[][] cases = {
      {"host: 10.0.0.1", "host: 10.0.0.11", "host"},
      {"host: 10.0.0.1", "host: 10.0.0.1\n    port: 2222", "port"},
      {"platform: cisco_iosxe", "platform: cisco_ios", "platform"},
      {"host: 10.0.0.1", "host: 10.0.0.1\n    protocol: ssh", "protocol"},
      {
        "username: netops\n    password: {env: R1_PASS}",
        "username: admin\n    password: {env: R1_PASS}",
        "username"
      },
      // same kind, other value
      {"{env: R1_PASS}", "{value: other}", "password"},
      {"host: 10.0.0.1", "host: 10.0.0.1\n    enable_secret: {value: en}", "enable_secret"},
      {"host: 10.0.0.1", "host: 10.0.0.1\n    max_sessions: 1", "max_sessions"},
      {"host: 10.0.0.1", "host: 10.0.0.1\n    host_key: off", "host_key"},
    };
    for (String[] c : cases) {
      InventoryDiff d = diff(BASE, BASE.replaceFirst(java.util.regex.Pattern.quote(c[0]), c[1]));
      assertThat(d.devicesChanged()).as(c[2]).hasSize(1);
      DeviceChange change = d.devicesChanged().getFirst();
      assertThat(change.fields()).as(c[2]).containsExactly(c[2]);
      assertThat(change.sessionsAffected()).as(c[2]).isTrue();
      assertThat(d.devicesToEvict()).as(c[2]).extracting(DeviceSpec::id).containsExactly("r1");
      assertThat(d.linesChanged()).as(c[2]).isEmpty();
    }
  }

  @Test
  void anotherReferenceToTheSameValueKeepsTheSessions() throws Exception {
    // the pool compares secrets by value: the same password from elsewhere is the same login
    InventoryDiff d = diff(BASE, BASE.replace("{env: R1_PASS}", "{env: R1_PASS_COPY}"));
    assertThat(d.devicesChanged()).hasSize(1);
    assertThat(d.devicesChanged().getFirst().fields()).containsExactly("password");
    assertThat(d.devicesChanged().getFirst().sessionsAffected()).isFalse();
    assertThat(d.devicesToEvict()).isEmpty();
  }

  @Test
  void protocolAliasIsNoChange() throws Exception {
    String cli = BASE.replace("platform: cisco_iosxe", "platform: cisco_iosxe\n    protocol: cli");
    String scrapli =
        BASE.replace("platform: cisco_iosxe", "platform: cisco_iosxe\n    protocol: scrapli");
    assertThat(diff(cli, scrapli).isEmpty()).isTrue();
    assertThat(diff(BASE, cli).isEmpty()).isTrue(); // cli is the default
  }

  @Test
  void tagsOnlyChangeIsNotSessionRelevant() throws Exception {
    InventoryDiff d =
        diff(BASE, BASE.replace("host: 10.0.0.1", "host: 10.0.0.1\n    tags: {site: sh}"));
    assertThat(d.devicesChanged()).hasSize(1);
    assertThat(d.devicesChanged().getFirst().fields()).containsExactly("tags");
    assertThat(d.devicesChanged().getFirst().sessionsAffected()).isFalse();
    assertThat(d.devicesToEvict()).isEmpty();
  }

  @Test
  void aRotatedSecretFileBehindTheSameReferenceIsSeen(@TempDir Path dir) throws Exception {
    Path yml = dir.resolve("monitor.yml");
    String text = BASE.replace("{env: R1_PASS}", "{file: r1.pass}");
    Files.writeString(dir.resolve("r1.pass"), "old\n");
    Inventory before = InventoryTestSupport.parse(yml, text);
    Files.writeString(dir.resolve("r1.pass"), "new\n");
    Inventory after = InventoryTestSupport.parse(yml, text);

    InventoryDiff d = InventoryDiff.between(before, after);
    assertThat(d.devicesToEvict()).extracting(DeviceSpec::id).containsExactly("r1");
    assertThat(d.devicesChanged().getFirst().fields()).containsExactly("password");
    assertThat(before.device("r1").orElseThrow().password())
        .isNotEqualTo(after.device("r1").orElseThrow().password());
    assertThat(
            before
                .device("r1")
                .orElseThrow()
                .password()
                .sameReference(after.device("r1").orElseThrow().password()))
        .isTrue();
    assertThat(d.summary())
        .isEqualTo("lines: +0 -0 ~0 moved 0; devices: +0 -0 ~1 (sessions replaced: 1)");
  }
}
