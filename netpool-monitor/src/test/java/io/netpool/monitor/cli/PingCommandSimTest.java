package io.netpool.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.sim.DeviceSpec;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code netpool ping} against a simulated router, over the real SSH path. */
class PingCommandSimTest {
  @TempDir Path dir;

  @Test
  void pingsOnceAndPrintsTheResult() throws Exception {
    try (Simulator sim =
        Simulator.builder()
            .credentials("netops", "pw-1")
            .timeScale(0.05)
            .device(
                DeviceSpec.builder("edge1", Platform.CISCO_IOSXE)
                    .target("10.0.0.2", TargetBehaviour.pattern("!!.!!"))
                    .build())
            .start()) {
      SimulatedDevice d = sim.device("edge1");
      Path config = dir.resolve("monitor.yml");
      Files.writeString(
          config,
          """
          devices:
            - id: edge1
              host: %s
              port: %d
              platform: cisco_iosxe
              username: netops
              password: {value: pw-1}
              host_key: "off"
          """
              .formatted(d.host(), d.port()));
      StringWriter out = new StringWriter();
      CommandLine cl = new CommandLine(new NetpoolCommand());
      cl.setOut(new PrintWriter(out));
      int code =
          cl.execute("ping", "-c", config.toString(), "--device", "edge1", "--target", "10.0.0.2");
      assertThat(code).isZero();
      assertThat(out.toString())
          .contains("\"status\":\"degraded\"")
          .contains("\"lossPercent\":20")
          .doesNotContain("pw-1");

      StringWriter err = new StringWriter();
      cl.setErr(new PrintWriter(err));
      assertThat(
              cl.execute(
                  "ping", "-c", config.toString(), "--device", "nope", "--target", "10.0.0.2"))
          .isEqualTo(2);
      assertThat(
              cl.execute(
                  "ping", "-c", config.toString(), "--device", "edge1", "--target", "10.0.0.999"))
          .isEqualTo(2);
    }
  }
}
