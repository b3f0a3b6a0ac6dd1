package io.netpool.bench.parse;

import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.ping.PingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of reading one ping output: the parser every probe runs, on the monitor's fixtures (one
 * device transcript per file, {@code netpool-monitor/src/test/resources/ping}, read from the
 * working directory: run from the repository root). The end-to-end benchmark's JFR put this parser
 * at about a third of the client's CPU per probe (docs/benchmarks-e2e.md).
 *
 * <pre>
 * java -jar netpool-bench/target/benchmarks.jar PingParseBench -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PingParseBench {
  private static final Path FIXTURES = Path.of("netpool-monitor/src/test/resources/ping");

  /** Fixture name: {@code <platform>-<case>}. */
  @Param({
    "cisco_iosxe-success",
    "nxos-success",
    "junos-success",
    "junos-rapid",
    "huawei_vrp-partial",
    "h3c_comware-partial",
    "linux-duplicates"
  })
  public String fixture;

  private PingPlatform platform;
  private String output;

  @Setup
  public void load() throws IOException {
    Path file = FIXTURES.resolve(fixture + ".txt");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file.toAbsolutePath() + " not found: run the benchmark from the repository root");
    }
    output = Files.readString(file);
    platform = PingPlatform.of(fixture.substring(0, fixture.indexOf('-')));
    if (platform.parse(output).status() == null) {
      throw new IllegalStateException("no status for " + fixture);
    }
  }

  @Benchmark
  public PingResult parse() {
    return platform.parse(output);
  }
}
