package io.netpool.monitor.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.cli.Main;
import io.netpool.monitor.engine.TestInventory;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.probe.run.ProbeCheck;
import io.netpool.pool.DevicePool;
import io.netpool.pool.Protocol;
import io.netpool.sim.Fault;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import io.netpool.ssh.ExecFactory;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.SshTransport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw outputs over real SSH: every check's output is kept per line (masked), and an output the
 * parser cannot read is saved under the state folder in a file {@code netpool parse} reads as it
 * is.
 */
@Timeout(60)
class RawOutputsSimTest {
  @TempDir Path state;

  @Test
  void outputsAreKeptAndAnUnreadableOneIsSavedForParse() throws Exception {
    try (Simulator sim =
            TestInventory.simulator()
                .device(
                    io.netpool.sim.DeviceSpec.builder("ok", Platform.LINUX)
                        .defaultTarget(TargetBehaviour.latency(1, 2))
                        .build(),
                    io.netpool.sim.DeviceSpec.builder("garbage", Platform.LINUX)
                        .fault(Fault.garbageOutput(1.0))
                        .build())
                .start();
        SshTransport transport = SshTransport.start();
        DevicePool pool =
            DevicePool.builder()
                .factory(new ExecFactory(transport, SshOptions.defaults()))
                .build();
        UnparsedOutputStore unparsed = new UnparsedOutputStore(state, 10)) {
      RecentOutputs recent = new RecentOutputs();
      ProbeCheck probe =
          new ProbeCheck(
              pool,
              ProbeConfig.defaults(),
              spec -> spec.toDevice(SshOptions.defaults()),
              Clock.systemUTC(),
              o -> {
                recent.output(o);
                unparsed.output(o);
              });
      CheckResult ok = check(probe, TestInventory.device(sim.device("ok"), Protocol.SSH), "l-ok");
      CheckResult bad =
          check(probe, TestInventory.device(sim.device("garbage"), Protocol.SSH), "l-bad");
      assertThat(bad.failure()).isEqualTo(FailureKind.UNPARSEABLE_OUTPUT);

      assertThat(recent.of("l-ok"))
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.output()).contains("packets transmitted");
                assertThat(o.command()).isEqualTo(ok.command());
                assertThat(o.platform()).isEqualTo("linux");
                assertThat(o.unparsed()).isFalse();
              });
      assertThat(recent.of("l-bad"))
          .singleElement()
          .satisfies(o -> assertThat(o.unparsed()).isTrue());

      await().atMost(Duration.ofSeconds(10)).until(() -> unparsed.saved() == 1);
      List<Path> files;
      try (Stream<Path> s = Files.list(state.resolve(UnparsedOutputStore.FOLDER))) {
        files = s.toList();
      }
      assertThat(files)
          .singleElement()
          .satisfies(f -> assertThat(f.toString()).endsWith("-l-bad.txt"));
      SavedOutput saved = SavedOutput.parse(Files.readString(files.getFirst()));
      assertThat(saved.platform()).isEqualTo("linux");
      assertThat(saved.lineId()).isEqualTo("l-bad");
      assertThat(saved.command()).isEqualTo(bad.command());
      assertThat(saved.output()).isEqualTo(recent.of("l-bad").getFirst().output());

      StringWriter out = new StringWriter();
      int code =
          Main.run(
              new PrintWriter(out),
              new PrintWriter(new StringWriter()),
              "parse",
              files.getFirst().toString());
      assertThat(code).isZero();
      assertThat(out.toString()).contains("\"status\" : \"error\"");
    }
  }

  private static CheckResult check(ProbeCheck probe, DeviceSpec router, String lineId)
      throws InterruptedException {
    LineSpec line =
        TestInventory.line(
            lineId, router.id(), "10.0.0.1", 3, Duration.ofSeconds(1), Duration.ofSeconds(60));
    return probe.check(line, router, Instant.now());
  }

  @Test
  void secretsAreMaskedInOutputs() {
    assertThat(
            io.netpool.monitor.probe.PingProbeMask.mask(
                "user Pa55word! enable En4ble#", List.of("Pa55word!", "En4ble#")))
        .isEqualTo("user ****** enable ******");
  }
}
