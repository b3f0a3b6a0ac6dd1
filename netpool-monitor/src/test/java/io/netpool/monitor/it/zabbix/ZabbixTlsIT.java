package io.netpool.monitor.it.zabbix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.zabbix.delivery.TrapperQueue;
import io.netpool.monitor.zabbix.delivery.TrapperQueueConfig;
import io.netpool.monitor.zabbix.delivery.ZabbixResultSink;
import io.netpool.monitor.zabbix.delivery.ZabbixSender;
import io.netpool.monitor.zabbix.delivery.ZabbixValue;
import io.netpool.monitor.zabbix.delivery.tls.TrapperConnector;
import io.netpool.monitor.zabbix.delivery.tls.TrapperTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production queue over PSK against a real Zabbix 6.0 whose line host accepts only PSK: values
 * arrive; with a wrong key they are refused with an error naming the server, kept, and delivered
 * once the key file is corrected.
 */
@Timeout(300)
class ZabbixTlsIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String IDENTITY = "netpool-it";
  private static final String KEY =
      "5a1f87b595725ac58dd977beef14b97461a7c1045b9a1c963065002c54731949";
  private static final String WRONG =
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  @TempDir Path dir;

  @Test
  void valuesGoOverPskAndAWrongKeyLosesNothingOnceCorrected() throws Exception {
    RealZabbix zabbix = RealZabbix.get();
    try (ZabbixAdmin admin = zabbix.admin()) {
      String group = admin.createHostGroup(admin.name("tls"));
      String host = admin.name("line-psk");
      String hostId = admin.createHost(HostSpec.of(host, group));
      LineItems.TYPES.forEach((key, type) -> admin.createTrapperItem(hostId, key, type));
      admin.requirePsk(hostId, IDENTITY, KEY);
      admin.reloadConfigCache();
      String statusItem = admin.itemId(hostId, LineItems.KEYS.status());

      Path pskFile = dir.resolve("zabbix.psk");
      Files.writeString(pskFile, KEY + "\n");
      TrapperConnector good =
          TrapperTls.psk(IDENTITY, SecretRef.file(pskFile, KEY)).connector("the server");
      ZabbixSender probe = zabbix.sender(good);
      // the server knows the host's PSK once its configuration cache has it
      await("server accepts PSK values for " + host)
          .atMost(WAIT)
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(
              () ->
                  probe
                          .send(
                              List.of(
                                  new ZabbixValue(
                                      host, LineItems.KEYS.status(), "ok", Instant.now())))
                          .processed()
                      == 1);

      // a plain sender is refused: the host accepts PSK only
      ZabbixSender plain = zabbix.sender(TrapperConnector.PLAIN);
      assertThat(
              plain
                  .send(List.of(new ZabbixValue(host, LineItems.KEYS.status(), "ok", null)))
                  .processed())
          .isZero();

      // the production queue with a wrong key: refused, retried, kept
      Files.writeString(pskFile, WRONG + "\n");
      TrapperQueue queue =
          ZabbixResultSink.queue(
              TrapperQueueConfig.builder(zabbix.trapperHost())
                  .serverPort(zabbix.trapperPort())
                  .linger(Duration.ZERO)
                  .initialBackoff(Duration.ofMillis(200))
                  .maxBackoff(Duration.ofSeconds(1))
                  .build(),
              good);
      queue.start();
      try {
        Instant checkedAt = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 1, 0);
        queue.offerResult(host, PingResult.error("wrong psk test"), checkedAt);
        await("the wrong PSK is refused")
            .atMost(WAIT)
            .until(() -> queue.failing() && queue.lastError() != null);
        assertThat(queue.lastError())
            .startsWith("TLS handshake with the server failed")
            .contains("identity '" + IDENTITY + "'")
            .doesNotContain(WRONG)
            .doesNotContain(KEY);
        assertThat(queue.sentValues()).isZero();

        Files.writeString(pskFile, KEY + "\n");
        await("values arrive once the key is corrected")
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    admin.history(statusItem, LineItems.TYPES.get(LineItems.KEYS.status())).stream()
                        .anyMatch(
                            v ->
                                v.time().equals(checkedAt)
                                    && v.value()
                                        .equals(
                                            String.valueOf(
                                                io.netpool.monitor.zabbix.delivery.ZabbixCodes
                                                    .status(
                                                        io.netpool.monitor.ping.PingStatus
                                                            .ERROR)))));
        assertThat(queue.failedValues()).isZero();
      } finally {
        queue.close();
      }
    }
  }
}
