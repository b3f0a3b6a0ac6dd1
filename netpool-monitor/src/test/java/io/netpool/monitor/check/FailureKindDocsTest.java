package io.netpool.monitor.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.zabbix.delivery.ZabbixCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The failure tables of docs/monitor.md and docs/zabbix.md list every {@link FailureKind} with its
 * Zabbix code and whether it is router-level, as the code has them.
 */
class FailureKindDocsTest {
  private static final Path MONITOR_MD = Path.of("..", "docs", "monitor.md");
  private static final Path ZABBIX_MD = Path.of("..", "docs", "zabbix.md");

  /** {@code | `auth_failed` | 2 | yes | ...}. */
  private static final Pattern MONITOR_ROW =
      Pattern.compile("(?m)^\\| `([a-z_]+)` \\| (\\d+) \\| *(yes)? *\\|");

  /** {@code | 2 | `auth_failed` | yes |}. */
  private static final Pattern ZABBIX_ROW =
      Pattern.compile("(?m)^\\| (\\d+) \\| `([a-z_]+)` \\| *(yes)? *\\|");

  /** Every kind as the docs should show it: wire name to "code router-level". */
  private static Map<String, String> expected() {
    Map<String, String> m = new LinkedHashMap<>();
    for (FailureKind k : FailureKind.values()) {
      m.put(k.wireName(), ZabbixCodes.failure(k) + " " + k.atRouter());
    }
    return m;
  }

  private static Map<String, String> rows(Path file, Pattern row, int name, int code)
      throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    Matcher matcher = row.matcher(Files.readString(file));
    while (matcher.find()) {
      m.put(matcher.group(name), matcher.group(code) + " " + (matcher.group(3) != null));
    }
    return m;
  }

  @Test
  void monitorMdListsEveryKindWithItsCodeAndScope() throws IOException {
    assertThat(rows(MONITOR_MD, MONITOR_ROW, 1, 2)).isEqualTo(expected());
  }

  @Test
  void zabbixMdListsEveryKindWithItsCodeAndScope() throws IOException {
    assertThat(rows(ZABBIX_MD, ZABBIX_ROW, 2, 1)).isEqualTo(expected());
  }
}
