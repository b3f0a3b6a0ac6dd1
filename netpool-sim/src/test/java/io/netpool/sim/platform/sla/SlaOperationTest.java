package io.netpool.sim.platform.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlaOperationTest {

  @Test
  void parsesTheCommandLineForm() {
    SlaOperation op =
        SlaOperation.parse(
            "udp-jitter:10.1.1.1,freq=30s,latency=5-9,loss=10,jitter=3,packets=20,"
                + "codec=g711alaw,one-way,stale");
    assertThat(op.kind()).isEqualTo(SlaOperation.Kind.UDP_JITTER);
    assertThat(op.target()).isEqualTo("10.1.1.1");
    assertThat(op.frequency()).isEqualTo(Duration.ofSeconds(30));
    assertThat(op.latencyMinMs()).isEqualTo(5);
    assertThat(op.latencyMaxMs()).isEqualTo(9);
    assertThat(op.lossProbability()).isEqualTo(0.1);
    assertThat(op.jitterMs()).isEqualTo(3);
    assertThat(op.packets()).isEqualTo(20);
    assertThat(op.codec()).isEqualTo("g711alaw");
    assertThat(op.oneWayValid()).isTrue();
    assertThat(op.stale()).isTrue();
    assertThat(op.notRunning()).isFalse();

    SlaOperation icmp = SlaOperation.parse("icmp-echo:10.2.2.2,freq=5m,not-running");
    assertThat(icmp)
        .isEqualTo(
            SlaOperation.icmpEcho("10.2.2.2")
                .withFrequency(Duration.ofMinutes(5))
                .withNotRunning(true));
  }

  @Test
  void rejectsWhatIsNotAnOperation() {
    assertThatThrownBy(() -> SlaOperation.parse("icmp-echo")).hasMessageContaining("KIND:TARGET");
    assertThatThrownBy(() -> SlaOperation.parse("tcp:10.1.1.1"))
        .hasMessageContaining("unknown SLA kind");
    assertThatThrownBy(() -> SlaOperation.parse("icmp-echo:host")).hasMessageContaining("IPv4");
    assertThatThrownBy(() -> SlaOperation.parse("icmp-echo:10.1.1.1,codec=g711alaw"))
        .hasMessageContaining("codec needs a UDP jitter");
    assertThatThrownBy(() -> SlaOperation.parse("icmp-echo:10.1.1.1,freq=0"))
        .hasMessageContaining("at least 1 s");
    assertThatThrownBy(() -> SlaOperation.parse("icmp-echo:10.1.1.1,color=red"))
        .hasMessageContaining("unknown SLA option");
  }
}
