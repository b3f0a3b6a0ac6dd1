package io.netpool.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** check-config with a zabbix: section (the discovery itself is covered in inventory.zabbix). */
class CheckConfigZabbixTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new NetpoolCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path config(int apiPort) throws Exception {
    Path f = dir.resolve("monitor.yml");
    Files.writeString(
        f,
        "zabbix:\n"
            + "  api:\n"
            + "    url: http://127.0.0.1:"
            + apiPort
            + "/api_jsonrpc.php\n"
            + "    token: {value: not-a-real-token-1234}\n"
            + "    timeout: 2s\n"
            + "  discovery: {proxy: dc1}\n");
    return f;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void aFailedDiscoveryIsExitCode3AndSaysWhy() throws Exception {
    int port = closedPort();
    Run r = run("check-config", "-c", config(port).toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).contains("valid: 0 devices, 0 lines");
    assertThat(r.err())
        .contains("zabbix: discovery from http://127.0.0.1:" + port + "/api_jsonrpc.php failed")
        .contains("cannot reach")
        .doesNotContain("not-a-real-token-1234");
  }

  @Test
  void noDiscoveryChecksTheFileOnly() throws Exception {
    Run r = run("check-config", "--no-discovery", "-c", config(closedPort()).toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("valid: 0 devices, 0 lines").doesNotContain("zabbix:");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void aBadZabbixSectionIsInvalidWithItsLocation() throws Exception {
    Path f = dir.resolve("bad.yml");
    Files.writeString(f, "zabbix:\n  discovery:\n    sync_interval: 1s\n");
    Run r = run("check-config", "-c", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(f + ":2:3: zabbix.api: discovery needs 'api'")
        .contains(f + ":3:20: zabbix.discovery.sync_interval: sync_interval must be at least 10s");
  }
}
