package io.netpool.monitor.zabbix.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.ping.PingStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped template ({@code zabbix/templates/netpool_line.yaml}) against the code: its items are
 * exactly the keys the sink sends by default, its value maps are the codes it sends. A change on
 * either side fails here, not in an operator's Zabbix.
 */
class ShippedTemplateTest {

  /** The template, read from the repository (the module's working directory is its folder). */
  static final Path FILE = Path.of("..", "zabbix", "templates", "netpool_line.yaml");

  /**
   * The items of the SLA probe's readings ({@link ReadingItems}); SlaTypeTest checks that every
   * value a reading can carry is one of them.
   */
  static final List<String> SLA_KEYS =
      java.util.stream.Stream.of(
              "status",
              "failure",
              "error",
              "sent",
              "received",
              "loss",
              "lost.sd",
              "lost.ds",
              "rtt.min",
              "rtt.avg",
              "rtt.max",
              "jitter.sd",
              "jitter.ds",
              "owd.sd",
              "owd.ds",
              "mos",
              "icpif")
          .map(k -> "netpool.sla." + k)
          .toList();

  private static final Pattern ITEM_REF = Pattern.compile("\\(/([^/]+)/([^,)]+)");

  private final JsonNode export = read().path("zabbix_export");
  private final JsonNode template = export.path("templates").path(0);

  static JsonNode read() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(FILE.toFile());
    } catch (IOException e) {
      throw new AssertionError("cannot read " + FILE.toAbsolutePath(), e);
    }
  }

  @Test
  void isOneTemplateInTheZabbix60Format() {
    assertThat(export.path("version").asText()).isEqualTo("6.0");
    assertThat(export.path("templates")).hasSize(1);
    assertThat(template.path("template").asText()).isEqualTo("netpool line");
  }

  @Test
  void itemsAreExactlyTheKeysTheSinkSendsByDefault() {
    List<String> keys = new ArrayList<>();
    template.path("items").forEach(i -> keys.add(i.path("key").asText()));
    List<String> expected = new ArrayList<>(ZabbixItemKeys.defaults().all());
    expected.addAll(SLA_KEYS);
    assertThat(keys).containsExactlyInAnyOrderElementsOf(expected);
    template
        .path("items")
        .forEach(i -> assertThat(i.path("type").asText()).as("%s", i).isEqualTo("TRAP"));
  }

  @Test
  void allKeysNamesEveryItemOfTheRecord() {
    // a new item added to ZabbixItemKeys but not to all() would escape the test above
    assertThat(ZabbixItemKeys.defaults().all())
        .doesNotHaveDuplicates()
        .hasSize(ZabbixItemKeys.class.getRecordComponents().length);
  }

  @Test
  void itemTypesAndUnitsAreTheOnesTheValuesNeed() {
    ZabbixItemKeys k = ZabbixItemKeys.defaults();
    Map<String, String> types = new TreeMap<>();
    Map<String, String> units = new TreeMap<>();
    template
        .path("items")
        .forEach(
            i -> {
              // UNSIGNED is the export's default and then left out
              types.put(i.path("key").asText(), i.path("value_type").asText("UNSIGNED"));
              units.put(i.path("key").asText(), i.path("units").asText(""));
            });
    assertThat(types)
        .containsEntry(k.loss(), "FLOAT")
        .containsEntry(k.rttMin(), "FLOAT")
        .containsEntry(k.rttAvg(), "FLOAT")
        .containsEntry(k.rttMax(), "FLOAT")
        .containsEntry(k.rttMedian(), "FLOAT")
        .containsEntry(k.rttStddev(), "FLOAT")
        .containsEntry(k.jitter(), "FLOAT")
        .containsEntry(k.sent(), "UNSIGNED")
        .containsEntry(k.received(), "UNSIGNED")
        .containsEntry(k.status(), "UNSIGNED")
        .containsEntry(k.failure(), "UNSIGNED")
        .containsEntry(k.router(), "UNSIGNED")
        .containsEntry(k.error(), "TEXT");
    assertThat(units)
        .containsEntry(k.loss(), "%")
        .containsEntry(k.rttMin(), "s")
        .containsEntry(k.rttAvg(), "s")
        .containsEntry(k.rttMax(), "s")
        .containsEntry(k.rttMedian(), "s")
        .containsEntry(k.rttStddev(), "s")
        .containsEntry(k.jitter(), "s");
  }

  @Test
  void valueMapsAreTheCodesTheSinkSends() {
    Map<String, String> status = new LinkedHashMap<>();
    for (PingStatus s : PingStatus.values()) {
      if (s != PingStatus.SKIPPED) { // never sent
        status.put(Integer.toString(ZabbixCodes.status(s)), s.wireName());
      }
    }
    Map<String, String> failure = new LinkedHashMap<>();
    failure.put(Integer.toString(ZabbixCodes.NO_FAILURE), "none");
    for (FailureKind f : FailureKind.values()) {
      failure.put(Integer.toString(ZabbixCodes.failure(f)), f.wireName());
    }
    assertThat(valueMapOf(ZabbixItemKeys.DEFAULT_STATUS)).isEqualTo(status);
    assertThat(valueMapOf(ZabbixItemKeys.DEFAULT_FAILURE)).isEqualTo(failure);
    assertThat(valueMapOf(ZabbixItemKeys.DEFAULT_ROUTER)).isEqualTo(failure);
    assertThat(valueMapOf("netpool.sla.failure")).isEqualTo(failure);
    assertThat(valueMapOf("netpool.sla.status"))
        .containsExactly(
            Map.entry("0", "ok"),
            Map.entry("1", "degraded"),
            Map.entry("2", "down"),
            Map.entry("4", "error"),
            Map.entry("6", "stale"));
  }

  /** The value map of the failure codes, as the sink sends them. */
  static Map<String, String> failureCodes() {
    Map<String, String> failure = new LinkedHashMap<>();
    failure.put(Integer.toString(ZabbixCodes.NO_FAILURE), "none");
    for (FailureKind f : FailureKind.values()) {
      failure.put(Integer.toString(ZabbixCodes.failure(f)), f.wireName());
    }
    return failure;
  }

  @Test
  void failureCodesAreStable() {
    // published in docs/zabbix.md and in operators' triggers: append, never renumber
    assertThat(ZabbixCodes.failure(FailureKind.ROUTER_UNREACHABLE)).isEqualTo(1);
    assertThat(ZabbixCodes.failure(FailureKind.AUTH_FAILED)).isEqualTo(2);
    assertThat(ZabbixCodes.failure(FailureKind.HOST_KEY_REJECTED)).isEqualTo(3);
    assertThat(ZabbixCodes.failure(FailureKind.ROUTER_UNAVAILABLE)).isEqualTo(4);
    assertThat(ZabbixCodes.failure(FailureKind.INTERNAL)).isEqualTo(10);
    assertThat(ZabbixCodes.failure(FailureKind.ENABLE_FAILED)).isEqualTo(11);
    assertThat(ZabbixCodes.failure(FailureKind.PROMPT_UNRECOGNISED)).isEqualTo(12);
    assertThat(
            Set.of(FailureKind.values()).stream()
                .map(ZabbixCodes::failure)
                .collect(Collectors.toSet()))
        .hasSize(FailureKind.values().length);
  }

  @Test
  void triggersUseOnlyTheTemplatesItemsAndDependOnTriggersOfIt() {
    Set<String> keys = new java.util.HashSet<>(ZabbixItemKeys.defaults().all());
    keys.addAll(SLA_KEYS);
    Map<String, String> byName = new LinkedHashMap<>();
    export
        .path("triggers")
        .forEach(t -> byName.put(t.path("name").asText(), t.path("expression").asText()));
    assertThat(byName).isNotEmpty();
    byName.forEach(
        (name, expr) -> {
          Matcher m = ITEM_REF.matcher(expr);
          int refs = 0;
          while (m.find()) {
            refs++;
            assertThat(m.group(1)).as("host in %s", name).isEqualTo("netpool line");
            assertThat(keys).as("key in %s", name).contains(m.group(2));
          }
          assertThat(refs).as("item references of %s", name).isPositive();
        });
    export
        .path("triggers")
        .forEach(
            t ->
                t.path("dependencies")
                    .forEach(
                        d ->
                            assertThat(byName)
                                .containsEntry(
                                    d.path("name").asText(), d.path("expression").asText())));
  }

  private Map<String, String> valueMapOf(String key) {
    return valueMapOf(template, key);
  }

  /** The value map of the item with {@code key} in a template. */
  static Map<String, String> valueMapOf(JsonNode template, String key) {
    String name = null;
    for (JsonNode i : template.path("items")) {
      if (i.path("key").asText().equals(key)) {
        name = i.path("valuemap").path("name").asText();
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode vm : template.path("valuemaps")) {
      if (vm.path("name").asText().equals(name)) {
        vm.path("mappings")
            .forEach(m -> out.put(m.path("value").asText(), m.path("newvalue").asText()));
      }
    }
    return out;
  }
}
