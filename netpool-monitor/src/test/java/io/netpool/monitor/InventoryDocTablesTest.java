package io.netpool.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.inventory.AaaGroupsSection;
import io.netpool.monitor.inventory.DeviceFields;
import io.netpool.monitor.inventory.LineFields;
import io.netpool.monitor.inventory.Section;
import io.netpool.monitor.settings.ClusterSection;
import io.netpool.monitor.settings.HistorySection;
import io.netpool.monitor.settings.HttpSection;
import io.netpool.monitor.settings.LoggingSection;
import io.netpool.monitor.settings.PoolSection;
import io.netpool.monitor.settings.SchedulerSection;
import io.netpool.monitor.settings.SshSection;
import io.netpool.monitor.settings.StateDirSetting;
import io.netpool.monitor.zabbix.ZabbixSection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The field tables of docs/inventory.md are the schema's ({@link DeviceFields}, {@link LineFields},
 * {@link ZabbixSection}, the service settings): name, required, default and meaning. To rewrite the
 * doc from the schema, run this test with {@code -Dnetpool.docs.write=true}.
 */
class InventoryDocTablesTest {
  static final Path DOC = Path.of("..", "docs", "inventory.md");
  static final String FIELD_HEADER =
      "| Field | Required | Default | Meaning |\n|---|---|---|---|\n";
  static final String KEY_HEADER = "| Key | Required | Default | Meaning |\n|---|---|---|---|\n";

  /** The table under each heading, rendered from the schema. */
  static Map<String, String> tables() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("## Devices", FIELD_HEADER + DeviceFields.SECTION.markdownRows(""));
    t.put("## AAA groups", KEY_HEADER + AaaGroupsSection.TABLE.markdownRows("aaa_groups.NAME."));
    t.put("## Lines", FIELD_HEADER + LineFields.SECTION.markdownRows(""));
    t.put(
        "## Zabbix section",
        KEY_HEADER
            + ZabbixSection.API.markdownRows("api.")
            + ZabbixSection.DISCOVERY.markdownRows("discovery.")
            + ZabbixSection.SENDER.markdownRows("sender.")
            + ZabbixSection.SENDER_TLS.markdownRows("sender.tls."));
    t.put(
        "## Service settings",
        KEY_HEADER
            + PoolSection.TABLE.markdownRows("pool.")
            + SchedulerSection.TABLE.markdownRows("scheduler.")
            + SshSection.TABLE.markdownRows("ssh.")
            + HttpSection.TABLE.markdownRows("http.")
            + LoggingSection.TABLE.markdownRows("logging.")
            + HistorySection.TABLE.markdownRows("history.")
            + Section.of(StateDirSetting.FIELD).markdownRows(""));
    t.put("## Cluster section", KEY_HEADER + ClusterSection.TABLE.markdownRows("cluster."));
    return t;
  }

  @Test
  void theFieldTablesOfTheDocAreTheSchema() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String rendered = render(doc);
    if (Boolean.getBoolean("netpool.docs.write")) {
      Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
      return;
    }
    assertThat(doc)
        .as("docs/inventory.md field tables (rewrite with -Dnetpool.docs.write=true)")
        .isEqualTo(rendered);
  }

  /** {@code doc} with the first table after each heading replaced by the schema's. */
  static String render(String doc) {
    String out = doc;
    for (Map.Entry<String, String> e : tables().entrySet()) {
      int heading = out.indexOf("\n" + e.getKey() + "\n");
      assertThat(heading).as(e.getKey()).isNotNegative();
      int start = out.indexOf("\n|", heading) + 1;
      int end = start;
      while (end < out.length() && out.charAt(end) == '|') {
        end = out.indexOf('\n', end) + 1;
      }
      out = out.substring(0, start) + e.getValue() + out.substring(end);
    }
    return out;
  }
}
