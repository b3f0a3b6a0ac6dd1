package io.netpool.monitor.ping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The formulas of {@link RttStats}: examples worked by hand, then properties. */
class RttStatsTest {

  private static List<BigDecimal> ms(String... values) {
    return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
  }

  @Test
  void oneReplyHasNoSpreadAndNoJitter() {
    RttStats s = RttStats.of(ms("4.2"));
    assertThat(s.medianMs()).isEqualByComparingTo("4.2");
    assertThat(s.stddevMs()).isEqualByComparingTo("0");
    assertThat(s.jitterMs()).isNull();
  }

  @Test
  void evenCountMedianIsTheMeanOfTheMiddleTwo() {
    assertThat(RttStats.of(ms("1", "10", "2", "3")).medianMs()).isEqualByComparingTo("2.5");
  }

  @Test
  void populationNotSampleStandardDeviation() {
    // 2 4 4 4 5 5 7 9: the textbook population sd is exactly 2 (the sample sd would be 2.138)
    assertThat(RttStats.of(ms("2", "4", "4", "4", "5", "5", "7", "9")).stddevMs())
        .isEqualByComparingTo("2.000");
  }

  @Test
  void jitterIsTheMeanAbsoluteDifferenceOfConsecutiveReplies() {
    // |3-1| + |1-4| + |4-4| = 5 over 3 differences
    assertThat(RttStats.of(ms("1", "3", "1", "4", "4").subList(1, 5)).jitterMs())
        .isEqualByComparingTo("1.667");
    assertThat(RttStats.of(ms("10", "20", "10", "20")).jitterMs()).isEqualByComparingTo("10");
  }

  @Test
  void theListKeepsTheOrderAndDecimalsAndIsImmutable() {
    List<BigDecimal> in = new ArrayList<>(ms("2.50", "1.0"));
    RttStats s = RttStats.of(in);
    in.clear();
    assertThat(s.rttsMs()).containsExactly(new BigDecimal("2.50"), new BigDecimal("1.0"));
    assertThatThrownBy(() -> s.rttsMs().add(BigDecimal.ONE))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void noRepliesIsRefusedAndASummaryWithoutStddevGivesNothing() {
    assertThatThrownBy(() -> RttStats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(RttStats.summaryOnly(null)).isNull();
    assertThat(RttStats.summaryOnly(new BigDecimal("0.11")).rttsMs()).isNull();
  }

  @Property(tries = 500)
  void medianAndStddevDoNotDependOnOrder(@ForAll("rtts") List<BigDecimal> rtts) {
    List<BigDecimal> shuffled = new ArrayList<>(rtts);
    Collections.reverse(shuffled);
    RttStats a = RttStats.of(rtts);
    RttStats b = RttStats.of(shuffled);
    assertThat(b.medianMs()).isEqualByComparingTo(a.medianMs());
    assertThat(b.stddevMs()).isEqualByComparingTo(a.stddevMs());
  }

  @Property(tries = 500)
  void medianLiesWithinMinAndMaxAndStddevWithinHalfTheRange(@ForAll("rtts") List<BigDecimal> rtts) {
    RttStats s = RttStats.of(rtts);
    BigDecimal min = Collections.min(rtts);
    BigDecimal max = Collections.max(rtts);
    assertThat(s.medianMs()).isBetween(min, max);
    assertThat(s.stddevMs()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
    // a population sd never exceeds half the range (+ rounding)
    BigDecimal half = max.subtract(min).divide(BigDecimal.valueOf(2));
    assertThat(s.stddevMs()).isLessThanOrEqualTo(half.add(new BigDecimal("0.0005")));
  }

  @Property(tries = 500)
  void jitterIsBetweenZeroAndTheRange(@ForAll("rtts") List<BigDecimal> rtts) {
    RttStats s = RttStats.of(rtts);
    if (rtts.size() < 2) {
      assertThat(s.jitterMs()).isNull();
      return;
    }
    BigDecimal range = Collections.max(rtts).subtract(Collections.min(rtts));
    assertThat(s.jitterMs()).isBetween(BigDecimal.ZERO, range.add(new BigDecimal("0.0005")));
  }

  @Property(tries = 300)
  void constantTimesHaveNoSpreadAndNoJitter(
      @ForAll @IntRange(min = 2, max = 50) int n, @ForAll @IntRange(min = 0, max = 99999) int us) {
    BigDecimal v = BigDecimal.valueOf(us, 3);
    RttStats s = RttStats.of(Collections.nCopies(n, v));
    assertThat(s.medianMs()).isEqualByComparingTo(v);
    assertThat(s.stddevMs()).isEqualByComparingTo("0");
    assertThat(s.jitterMs()).isEqualByComparingTo("0");
  }

  @Property(tries = 300)
  void shiftingEveryTimeShiftsTheMedianOnly(
      @ForAll("rtts") List<BigDecimal> rtts, @ForAll @IntRange(min = 0, max = 5000) int shiftUs) {
    BigDecimal shift = BigDecimal.valueOf(shiftUs, 3);
    RttStats a = RttStats.of(rtts);
    RttStats b = RttStats.of(rtts.stream().map(x -> x.add(shift)).toList());
    assertThat(b.medianMs()).isEqualByComparingTo(a.medianMs().add(shift));
    assertThat(b.stddevMs()).isEqualByComparingTo(a.stddevMs());
    if (a.jitterMs() != null) {
      assertThat(b.jitterMs()).isEqualByComparingTo(a.jitterMs());
    }
  }

  @Property(tries = 300)
  void stddevAgreesWithADoubleComputation(@ForAll("rtts") List<BigDecimal> rtts) {
    double mean = rtts.stream().mapToDouble(BigDecimal::doubleValue).average().orElseThrow();
    double var =
        rtts.stream().mapToDouble(x -> Math.pow(x.doubleValue() - mean, 2)).sum() / rtts.size();
    BigDecimal expected = BigDecimal.valueOf(Math.sqrt(var)).setScale(3, RoundingMode.HALF_UP);
    assertThat(RttStats.of(rtts).stddevMs().subtract(expected).abs())
        .isLessThanOrEqualTo(new BigDecimal("0.001"));
  }

  @Property(tries = 1000)
  void stddevIsTheExactRootRoundedHalfUp(@ForAll("rtts") List<BigDecimal> rtts) {
    // the textbook definition at 80 digits, rounded once at the end
    MathContext wide = new MathContext(80);
    BigDecimal n = BigDecimal.valueOf(rtts.size());
    BigDecimal mean = rtts.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(n, wide);
    BigDecimal squares = BigDecimal.ZERO;
    for (BigDecimal x : rtts) {
      squares = squares.add(x.subtract(mean).pow(2));
    }
    BigDecimal expected =
        squares.divide(n, wide).sqrt(wide).setScale(RttStats.SCALE, RoundingMode.HALF_UP);
    assertThat(RttStats.of(rtts).stddevMs()).isEqualTo(expected);
  }

  @Test
  void stddevRoundsAnExactHalfUp() {
    // 0 and 0.001: σ = 0.0005 exactly, which rounds up to 0.001
    assertThat(RttStats.of(ms("0", "0.001")).stddevMs()).isEqualTo(new BigDecimal("0.001"));
    // 1, 1.0001: σ = 0.00005, rounds to 0.000
    assertThat(RttStats.of(ms("1", "1.0001")).stddevMs()).isEqualTo(new BigDecimal("0.000"));
  }

  /** 1..100 reply times of 0.000 to 2000.000 ms with 0 to 3 decimals, like devices print. */
  @Provide
  Arbitrary<List<BigDecimal>> rtts() {
    Arbitrary<BigDecimal> one =
        Arbitraries.integers()
            .between(0, 2_000_000)
            .flatMap(
                us ->
                    Arbitraries.integers()
                        .between(0, 3)
                        .map(
                            scale -> BigDecimal.valueOf(us, 3).setScale(scale, RoundingMode.DOWN)));
    return one.list().ofMinSize(1).ofMaxSize(100);
  }
}
