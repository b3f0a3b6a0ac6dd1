package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.pool.Device;
import io.netpool.ssh.fake.FakeDeviceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {
  private static final Duration T = Duration.ofSeconds(10);

  @TempDir Path tmp;

  @Test
  void transcriptHasTheExchangeButNoSecret() throws Exception {
    try (SshTransport transport = SshTransport.start();
        FakeDeviceServer server = FakeDeviceServer.start("cisco_iosxe")) {
      Path file = tmp.resolve("transcripts/{id}.log");
      SshOptions base = TestDevices.options(tmp.resolve("kh"));
      Device device =
          TestDevices.device("edge-7", server, "cisco_iosxe", base.withTranscriptFile(file));
      CliFactory f = new CliFactory(transport, base);
      try (CliDriver cli = f.create(device, T)) {
        cli.send("ping 10.194.10.106", T);
        // a device that echoes a secret back: masked too
        try {
          cli.send("echo " + FakeDeviceServer.PASSWORD, T);
        } catch (CommandFailedException expected) {
          // not a command on this platform
        }
        assertThat(cli.toString()).doesNotContain(FakeDeviceServer.ENABLE_SECRET);
      }
      String text = Files.readString(tmp.resolve("transcripts/edge-7.log"));
      assertThat(text)
          .contains(">> enable")
          .contains("<< Password:")
          .contains(">> ******")
          .contains(">> terminal length 0")
          .contains(">> ping 10.194.10.106")
          .contains("<< Success rate is 100 percent (5/5)")
          .contains("ZZB0000_DTT_05_OTV01#")
          .doesNotContain(FakeDeviceServer.ENABLE_SECRET)
          .doesNotContain(FakeDeviceServer.PASSWORD);
      assertThat(LogCapture.lines())
          .noneMatch(
              l ->
                  l.contains(FakeDeviceServer.PASSWORD)
                      || l.contains(FakeDeviceServer.ENABLE_SECRET));
    }
  }
}
