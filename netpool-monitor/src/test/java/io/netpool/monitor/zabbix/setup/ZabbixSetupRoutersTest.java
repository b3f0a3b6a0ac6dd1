package io.netpool.monitor.zabbix.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.zabbix.setup.ZabbixSetup.RouterLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which routers and line hosts {@code zabbix-setup} works on, read from {@code monitor.yml}. */
class ZabbixSetupRoutersTest {

  private static Inventory parse(String yaml) throws InventoryException {
    return new InventoryLoader(Map.of("P", "pw")::get)
        .parse(Path.of("monitor.yml"), yaml.getBytes(StandardCharsets.UTF_8));
  }

  private static final String FILE =
      """
      defaults:
        device: {platform: cisco_iosxe, username: netops, password: {env: P}}
      devices:
        - {id: pe1, host: 10.0.0.1, zabbix_host: PE-1 router}
        - {id: pe2, host: 10.0.0.2}
        - {id: idle, host: 10.0.0.3, zabbix_host: idle}
      lines:
        - {id: l1, router: pe1, target: 192.0.2.1, zabbix_host: line-1}
        - {id: l2, router: pe1, target: 192.0.2.2}
        - {id: l3, router: pe2, target: 192.0.2.3, zabbix_host: line-3}
      """;

  @Test
  void everyRouterWithLinesWithItsOwnHostAndItsLinesHosts() throws Exception {
    assertThat(ZabbixSetup.routers(parse(FILE)))
        .containsExactly(
            // a line without zabbix_host goes to the host named by its id
            new RouterLines("pe1", "PE-1 router", java.util.List.of("line-1", "l2")),
            new RouterLines("pe2", null, java.util.List.of("line-3")));
  }

  @Test
  void zabbixHostOfADeviceIsItsOwnAndChecked() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    defaults:
                      device: {platform: cisco_iosxe, username: netops, password: {env: P},
                               zabbix_host: shared}
                    devices:
                      - {id: pe1, host: 10.0.0.1}
                    lines: []
                    """))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("zabbix_host");
    assertThatThrownBy(
            () ->
                parse(
                    """
                    devices:
                      - {id: pe1, host: 10.0.0.1, platform: cisco_iosxe, username: u,
                         password: {env: P}, zabbix_host: "bad/name"}
                    lines: []
                    """))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("zabbix_host")
        .hasMessageContaining("is not a Zabbix host name");
  }
}
