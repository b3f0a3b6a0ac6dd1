package io.netpool.monitor.ping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Commands per platform, including the original's command bugs (6B items 5 and 6). */
class PingCommandTest {
  private final PingRequest full =
      new PingRequest("10.0.0.2", 5, Duration.ofSeconds(2), "10.0.0.1", "CUST-A", 200);
  private final PingRequest plain = PingRequest.to("10.0.0.2");

  @Test
  void bug5_huaweiAndH3cTimeoutIsMilliseconds() {
    assertThat(PingPlatform.of("huawei_vrp").command(plain))
        .isEqualTo("ping -v -c 5 -t 2000 10.0.0.2");
    assertThat(PingPlatform.of("h3c_comware").command(plain))
        .isEqualTo("ping -v -c 5 -t 2000 10.0.0.2");
    assertThat(PingPlatform.of("huawei_vrp").command(full))
        .isEqualTo("ping -v -a 10.0.0.1 -c 5 -t 2000 -s 200 -vpn-instance CUST-A 10.0.0.2");
  }

  @Test
  void bug6_ciscoKeepsTheRepeatCountAndUsesEachPlatformsWord() {
    assertThat(PingPlatform.of("cisco_iosxe").command(plain))
        .isEqualTo("ping 10.0.0.2 repeat 5 timeout 2");
    assertThat(PingPlatform.of("cisco_iosxr").command(plain))
        .isEqualTo("ping 10.0.0.2 count 5 timeout 2");
    assertThat(PingPlatform.of("cisco_nxos").command(plain))
        .isEqualTo("ping 10.0.0.2 count 5 timeout 2");
    assertThat(PingPlatform.of("cisco_ios").command(full))
        .isEqualTo("ping vrf CUST-A 10.0.0.2 repeat 5 timeout 2 size 200 source 10.0.0.1");
    assertThat(PingPlatform.of("cisco_nxos").command(full))
        .isEqualTo("ping 10.0.0.2 count 5 timeout 2 packet-size 200 source 10.0.0.1 vrf CUST-A");
  }

  @Test
  void otherPlatforms() {
    assertThat(PingPlatform.of("juniper_junos").command(full))
        .isEqualTo(
            "ping 10.0.0.2 count 5 wait 2 size 200 source 10.0.0.1 routing-instance CUST-A rapid");
    assertThat(PingPlatform.of("arista_eos").command(plain))
        .isEqualTo("ping 10.0.0.2 repeat 5 timeout 2");
    assertThat(PingPlatform.of("linux").command(full))
        .isEqualTo("ip vrf exec CUST-A ping -n -c 5 -W 2 -s 200 -I 10.0.0.1 10.0.0.2");
    assertThat(
            PingPlatform.of("cisco_nxos")
                .command(
                    new PingRequest(
                        "2001:db8::2", 3, Duration.ofMillis(1500), "Ethernet1/1", null, null)))
        .isEqualTo("ping6 2001:db8::2 count 3 timeout 2 source-interface Ethernet1/1");
    assertThat(
            PingPlatform.of("huawei_vrp")
                .command(
                    new PingRequest("2001:db8::2", 3, Duration.ofMillis(500), null, null, null)))
        .isEqualTo("ping ipv6 -c 3 -t 500 2001:db8::2");
  }

  @Test
  void requestsRefuseWhatCouldInjectCommands() {
    assertThatThrownBy(() -> PingRequest.to("10.0.0.256")).hasMessageContaining("target");
    assertThatThrownBy(() -> PingRequest.to("10.0.0.1; reload")).hasMessageContaining("target");
    assertThatThrownBy(
            () -> new PingRequest("10.0.0.1", 5, Duration.ofSeconds(2), "x y", null, null))
        .hasMessageContaining("source");
    assertThatThrownBy(
            () -> new PingRequest("10.0.0.1", 0, Duration.ofSeconds(2), null, null, null))
        .hasMessageContaining("count");
    assertThatThrownBy(() -> PingPlatform.of("cisco_ios_xe2"))
        .hasMessageContaining("did you mean cisco_iosxe?")
        .hasMessageContaining("known platforms: arista_eos, cisco_ios, cisco_iosxe");
    assertThat(PingPlatform.of("Huawei")).isEqualTo(PingPlatform.of("huawei_vrp"));
  }
}
