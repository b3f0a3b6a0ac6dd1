package io.netpool.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
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

  @Test
  void parsePrintsJsonWithDecimalsKept() throws Exception {
    Path f = dir.resolve("nxos.txt");
    Files.writeString(
        f,
        "5 packets transmitted, 3 packets received, 40.00% packet loss\n"
            + "round-trip min/avg/max = 1.116/1.399/1.687 ms\n");
    Run r = run("parse", "--platform", "cisco_nxos", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("\"sent\" : 5")
        .contains("\"received\" : 3")
        .contains("\"lossPercent\" : 40.00")
        .contains("\"rttAvgMs\" : 1.399")
        .contains("\"status\" : \"degraded\"")
        .contains("\"error\" : null");
  }

  @Test
  void parsePrintsEveryReplyAndTheDistribution() throws Exception {
    Path f = dir.resolve("vrp.txt");
    Files.writeString(
        f,
        """
          PING 10.1.1.1: 56  data bytes, press CTRL_C to break
            Reply from 10.1.1.1: bytes=56 Sequence=1 ttl=255 time=3 ms
            Request time out
            Reply from 10.1.1.1: bytes=56 Sequence=3 ttl=255 time=2 ms

          --- 10.1.1.1 ping statistics ---
            3 packet(s) transmitted
            2 packet(s) received
            33.33% packet loss
            round-trip min/avg/max = 2/2/3 ms
        """);
    Run r = run("parse", "--platform", "huawei_vrp", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out().replaceAll("\\s+", " "))
        .contains("\"rttMedianMs\" : 2.5")
        .contains("\"rttStddevMs\" : 0.500")
        .contains("\"jitterMs\" : 1.000")
        .contains("\"rttsMs\" : [ 3, 2 ]")
        .contains("\"duplicates\" : null");
  }

  @Test
  void parseOfUnreadableOutputExitsZeroWithStatusError() throws Exception {
    Path f = dir.resolve("junk.txt");
    Files.writeString(f, "%%% nothing like ping\n");
    Run r = run("parse", "-p", "huawei_vrp", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("\"status\" : \"error\"").contains("\"rttMinMs\" : null");
  }

  @Test
  void parseReadsASavedOutputWithItsPlatform() throws Exception {
    Path f = dir.resolve("20261204T010203.000Z-l1.txt");
    Files.writeString(
        f,
        new io.netpool.monitor.outputs.SavedOutput(
                "cisco_nxos",
                "ping 192.0.2.1 count 5",
                java.time.Instant.parse("2026-12-04T01:02:03Z"),
                "l1",
                "r1",
                "5 packets transmitted, 5 packets received, 0.00% packet loss\n"
                    + "round-trip min/avg/max = 1.1/1.2/1.3 ms\n")
            .format());
    Run r = run("parse", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("\"status\" : \"ok\"").contains("\"rttAvgMs\" : 1.2");
    Path plain = dir.resolve("plain.txt");
    Files.writeString(plain, "5 packets transmitted, 5 packets received\n");
    Run noPlatform = run("parse", plain.toString());
    assertThat(noPlatform.code()).isEqualTo(2);
    assertThat(noPlatform.err()).contains("--platform is required");
  }

  @Test
  void parseReadsASavedSlaOutputWithTheSlaParser() throws Exception {
    String output =
        "IPSLA operation id: 50\n"
            + "Latest RTT: 5 milliseconds\n"
            + "Latest operation start time: 06:45:19 UTC Wed Oct 13 2021\n"
            + "Latest operation return code: OK\n"
            + "Number of successes: 57\n"
            + "Number of failures: 1\n";
    Path f = dir.resolve("20261204T010203.000Z-l9.txt");
    Files.writeString(
        f,
        new io.netpool.monitor.outputs.SavedOutput(
                "cisco_iosxe",
                "show ip sla statistics 50 details",
                java.time.Instant.parse("2026-12-04T01:02:03Z"),
                "l9",
                "r1",
                output)
            .format());
    Run saved = run("parse", f.toString());
    assertThat(saved.code()).isZero();
    assertThat(saved.out())
        .contains("\"outcome\" : \"READ\"")
        .contains("\"returnCode\" : \"OK\"")
        .contains("\"rttAvgMs\" : 5.0");
    Path plain = dir.resolve("sla.txt");
    Files.writeString(plain, output);
    assertThat(run("parse", "-p", "iosxe", "--probe", "sla", plain.toString()).out())
        .contains("\"lastRun\" : \"06:45:19 UTC Wed Oct 13 2021\"");
    Run noSla = run("parse", "-p", "linux", "--probe", "sla", plain.toString());
    assertThat(noSla.code()).isEqualTo(2);
    assertThat(noSla.err()).contains("platform linux has no probes: sla: command");
    assertThat(run("parse", "-p", "iosxe", "--probe", "rpm", plain.toString()).err())
        .contains("--probe: 'rpm' is not ping or sla");
  }

  @Test
  void parseUsageErrors() {
    assertThat(run("parse", "-p", "nokia_sros", "x").code()).isEqualTo(2);
    assertThat(run("parse", "-p", "linux", dir.resolve("missing.txt").toString()).code())
        .isEqualTo(1);
    assertThat(run("parse").code()).isEqualTo(2);
    assertThat(run().code()).isEqualTo(2);
    assertThat(run("--help").code()).isZero();
    assertThat(run("parse", "--help").out()).contains("Exit codes");
  }

  @Test
  void checkConfigReportsProblemsWithLocation() throws Exception {
    Path bad = dir.resolve("monitor.yml");
    Files.writeString(
        bad,
        """
        devices:
          - id: r1
            host: 10.0.0.1
            platform: cisco_iosxe
            username: netops
            password: {value: pw}
        lines:
          - id: l1
            router: r1
            target: 10.0.0.300
            interval: 0s
        """);
    Run r = run("check-config", "-c", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("monitor.yml:10:").contains("target").contains("interval");
  }

  @Test
  void checkConfigAcceptsAValidFile() throws Exception {
    Path good = dir.resolve("monitor.yml");
    Files.writeString(
        good,
        """
        devices:
          - id: r1
            host: 10.0.0.1
            platform: cisco_iosxe
            username: netops
            password: {value: pw}
        lines:
          - id: l1
            router: r1
            target: 10.0.0.2
            interval: 3m
        """);
    Run r = run("check-config", "-c", good.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("valid: 1 devices, 1 lines");
  }

  @Test
  void zabbixItemKeysAreConfigurable() {
    OutputOptions o =
        CommandLine.populateCommand(
            new OutputOptions(),
            "--zabbix-key",
            "loss=line.loss",
            "--zabbix-key",
            "error=",
            "--zabbix-key",
            "failure=line.failure",
            "--zabbix-key",
            "jitter=line.jitter");
    var keys = o.itemKeys();
    assertThat(keys.loss()).isEqualTo("line.loss");
    assertThat(keys.failure()).isEqualTo("line.failure");
    assertThat(keys.error()).isNull(); // switched off
    assertThat(keys.status()).isEqualTo("netpool.ping.status");
    assertThat(keys.jitter()).isEqualTo("line.jitter");
    assertThat(keys.rttMedian()).isEqualTo("netpool.ping.rtt.median");
    OutputOptions bad = CommandLine.populateCommand(new OutputOptions(), "--zabbix-key", "mos=x");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> bad.itemKeys())
        .hasMessageContaining("unknown Zabbix item 'mos'");
  }

  @Test
  void durationTakesTheUnitsOfIntervalsAndBareSeconds() {
    assertThat(CommandLine.populateCommand(new OutputOptions(), "--duration", "2m").duration)
        .isEqualTo(java.time.Duration.ofMinutes(2));
    assertThat(CommandLine.populateCommand(new OutputOptions(), "--duration", "1h30m").duration)
        .isEqualTo(java.time.Duration.ofMinutes(90));
    assertThat(CommandLine.populateCommand(new OutputOptions(), "--duration", "20").duration)
        .isEqualTo(java.time.Duration.ofSeconds(20));
    Run bad = run("demo", "--duration", "5x");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--duration").contains("5x");
  }
}
