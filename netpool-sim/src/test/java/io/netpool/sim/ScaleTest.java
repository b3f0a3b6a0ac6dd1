package io.netpool.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.sim.platform.Platform;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;

/** Thousands of devices in one process: startup time, heap and threads, clean close. */
class ScaleTest {

  static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  void fleet(int n, int sessions) throws Exception {
    List<DeviceSpec> specs = new ArrayList<>(n);
    Platform[] ps = Platform.values();
    for (int i = 0; i < n; i++) {
      specs.add(DeviceSpec.of("d" + i, ps[i % ps.length]));
    }
    int threadsBefore = threads();
    long heapBefore = usedHeap();
    Simulator sim =
        Simulator.builder().timeScale(0).credentials("netops", "pw").devices(specs).start();
    long heapAfter = usedHeap();
    int threadsAfter = threads();
    assertThat(sim.devices()).hasSize(n);
    assertThat(sim.devices().stream().map(SimulatedDevice::port).distinct()).hasSize(n);
    long sessionHeap = 0;
    try (SimClient c = new SimClient(sim)) {
      // open sessions spread over the fleet, run a command on each
      List<ClientSession> open = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        SimulatedDevice d = sim.devices().get(i * (n / sessions));
        ClientSession s = c.login(d, "netops", "pw");
        open.add(s);
        assertThat(c.exec(s, d.platform() == Platform.LINUX ? "date" : "show version").exitStatus())
            .isNotNull();
      }
      sessionHeap = (usedHeap() - heapAfter) / Math.max(1, sessions);
      System.out.printf(
          "SCALE %d devices: startup %d ms, heap +%.1f MB (%.1f KB/device), threads %d -> %d;"
              + " %d sessions: ~%.1f KB heap per session (both sides), threads %d%n",
          n,
          sim.startupTime().toMillis(),
          (heapAfter - heapBefore) / 1e6,
          (heapAfter - heapBefore) / 1e3 / n,
          threadsBefore,
          threadsAfter,
          sessions,
          sessionHeap / 1e3,
          threads());
      for (ClientSession s : open) {
        s.close(false).await(SimClient.TIMEOUT);
      }
    }
    sim.close();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sim.devices().stream().allMatch(d -> d.activeSessions() == 0));
    // no server or scheduler thread survives close (virtual-thread carriers idle out on their own)
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Thread.getAllStackTraces().keySet().stream()
                    .map(Thread::getName)
                    .noneMatch(t -> t.contains("SshServer") || t.startsWith("netpool-sim")));
    System.out.printf(
        "SCALE %d devices closed: threads %d (before start %d)%n", n, threads(), threadsBefore);
  }

  @Test
  void thousandDevicesStartAndCloseCleanly() throws Exception {
    fleet(1000, 50);
  }

  @Test
  void fiveThousandDevices() throws Exception {
    fleet(5000, 20);
  }
}
