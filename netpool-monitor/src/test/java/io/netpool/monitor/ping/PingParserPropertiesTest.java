package io.netpool.monitor.ping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Properties: no input makes a parser throw, and counts always agree with loss and status. */
class PingParserPropertiesTest {

  @Property(tries = 2000)
  void neverThrowsOnArbitraryText(
      @ForAll @StringLength(max = 400) String text, @ForAll("platforms") PingPlatform platform) {
    PingResult r = platform.parse(text);
    assertThat(r).isNotNull();
    assertThat(r.status()).isNotNull();
  }

  @Property(tries = 500)
  void neverThrowsOnMutatedRealOutput(
      @ForAll @IntRange(min = 0, max = 300) int cut,
      @ForAll @StringLength(max = 20) String junk,
      @ForAll("platforms") PingPlatform platform) {
    String real =
        "--- 10.0.0.2 ping statistics ---\n5 packet(s) transmitted\n4 packet(s) received\n"
            + "20.00% packet loss\nround-trip min/avg/max = 2/2/4 ms\n";
    String mutated = real.substring(0, Math.min(cut, real.length())) + junk;
    assertThat(platform.parse(mutated)).isNotNull();
  }

  @Property(tries = 500)
  void ciscoCountsDecideStatusAndLoss(
      @ForAll @IntRange(min = 1, max = 1000) int sent,
      @ForAll @IntRange(min = 0, max = 1000) int got) {
    int received = Math.min(got, sent);
    int percent = received * 100 / sent;
    PingResult r =
        PingPlatform.of("cisco_iosxe")
            .parse("Success rate is " + percent + " percent (" + received + "/" + sent + ")");
    assertThat(r.sent()).isEqualTo(sent);
    assertThat(r.received()).isEqualTo(received);
    assertThat(r.lossPercent())
        .isEqualByComparingTo(
            BigDecimal.valueOf(sent - received)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(sent), 2, java.math.RoundingMode.HALF_UP));
    PingStatus expected =
        received == sent ? PingStatus.OK : received == 0 ? PingStatus.DOWN : PingStatus.DEGRADED;
    assertThat(r.status()).isEqualTo(expected);
  }

  /** Every platform of the registry that can ping. */
  @Provide
  Arbitrary<PingPlatform> platforms() {
    return Arbitraries.of(PingPlatform.all());
  }
}
