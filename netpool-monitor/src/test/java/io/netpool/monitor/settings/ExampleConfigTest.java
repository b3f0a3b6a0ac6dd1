package io.netpool.monitor.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.history.HistorySettings;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.logging.LogSettings;
import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.schedule.SchedulerConfig;
import io.netpool.pool.PoolConfig;
import io.netpool.ssh.SshOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service sections of the shipped {@code conf/monitor.example.yml}, uncommented, are valid and
 * show the defaults, as its comment says: the example cannot drift from the code.
 */
class ExampleConfigTest {
  static final Path EXAMPLE = Path.of("..", "dist-src", "conf", "monitor.example.yml");

  @TempDir Path dir;

  @Test
  void theCommentedServiceSectionsAreValidAndShowTheDefaults() throws Exception {
    List<String> lines = Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8);
    int from =
        lines.indexOf(
            lines.stream()
                .filter(l -> l.startsWith("# How the service runs"))
                .findFirst()
                .orElseThrow());
    String services =
        lines.subList(from, lines.size()).stream()
            .filter(l -> l.matches("# [a-z_]+:.*|#   .*"))
            .map(l -> l.substring(2))
            .filter(l -> !l.startsWith("state_dir:")) // /var/lib/netpool is not writable here
            .collect(Collectors.joining("\n"));
    assertThat(services)
        .contains(
            "pool:",
            "scheduler:",
            "ssh:",
            "http:",
            "logging:",
            "history:",
            "cluster:",
            "max_uses: 0");
    InventoryLoader loader =
        ServiceSettings.register(
            new InventoryLoader(
                Map.of("NETPOOL_HTTP_TOKEN", "t", "NETPOOL_CLUSTER_SECRET", "s".repeat(16))::get));
    ServiceSettings s =
        ServiceSettings.of(
            loader.parseMonitorFile(
                dir.resolve("monitor.yml"),
                ("devices: []\nlines: []\n" + services + "\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(s.pool()).isEqualTo(PoolConfig.defaults());
    assertThat(s.scheduler().scheduler()).isEqualTo(SchedulerConfig.defaults());
    assertThat(s.scheduler().probe()).isEqualTo(ProbeConfig.defaults());
    SshOptions d = SshOptions.defaults();
    assertThat(s.ssh().options().withKnownHostsFile(d.knownHostsFile())).isEqualTo(d);
    assertThat(s.ssh().keepaliveInterval()).isEqualTo(SshSection.DEFAULT_KEEPALIVE);
    assertThat(s.ssh().logins()).isEqualTo(io.netpool.ssh.LoginLimits.defaults());
    assertThat(s.http().host()).isEqualTo(HttpSection.DEFAULT_HOST);
    assertThat(s.http().port()).isEqualTo(HttpSection.DEFAULT_PORT);
    assertThat(s.logging().file()).isEqualTo(Path.of("/var/log/netpool/netpool.log"));
    assertThat(s.history()).isEqualTo(HistorySettings.defaults());
    assertThat(s.cluster().node()).isEqualTo("bj-1");
    assertThat(s.cluster().members()).hasSize(3);
    assertThat(s.cluster().failureTimeout())
        .isEqualTo(io.netpool.monitor.cluster.ClusterSettings.DEFAULT_FAILURE_TIMEOUT);
    assertThat(s.logging().withFile(null, LogSettings.Format.TEXT))
        .isEqualTo(LogSettings.defaults());
  }
}
