package io.netpool.monitor.it.zabbix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The test-side admin client against the real server: what it creates is really there (nested
 * templates, macros, tags, proxy, items of each value type) and its cleanup removes all of it.
 */
@Timeout(300)
class ZabbixAdminIT {

  @Test
  void createsNestedTemplatesHostsAndMacrosAndCleansThemUp() {
    RealZabbix zabbix = RealZabbix.get();
    String host;
    String macroId;
    try (ZabbixAdmin admin = zabbix.admin()) {
      assertThat(admin.apiVersion()).startsWith("6.0.");
      String group = admin.createHostGroup(admin.name("group"));
      String base =
          admin.createTemplate(
              TemplateSpec.of(admin.name("tpl-base"), group).withMacro("{$NETPOOL.COUNT}", "5"));
      admin.createTrapperItem(base, "netpool.ping.loss", ValueType.FLOAT);
      String line =
          admin.createTemplate(
              TemplateSpec.of(admin.name("tpl-line"), group)
                  .withTemplate(base)
                  .withTag("netpool", "line")
                  .withMacro("{$NETPOOL.LINE.SOURCE}", "edge1"));
      String proxy = admin.createProxy(admin.name("proxy"));
      macroId =
          admin.createGlobalMacro(
              "{$NETPOOL_IT_" + admin.runId().toUpperCase(Locale.ROOT) + "}", "x");
      host = admin.name("line-1");
      String hostId =
          admin.createHost(
              HostSpec.of(host, group)
                  .withVisibleName("Line 1")
                  .withTag("netpool", "line")
                  .withMacro("{$NETPOOL.LINE.TARGET}", "192.0.2.10")
                  .withTemplate(line)
                  .withProxy(proxy));
      for (ValueType type : List.of(ValueType.CHARACTER, ValueType.UNSIGNED, ValueType.TEXT)) {
        admin.createTrapperItem(hostId, "netpool.it." + type.name().toLowerCase(Locale.ROOT), type);
      }

      assertThat(admin.hostId(host)).contains(hostId);
      assertThat(admin.items(hostId))
          .extracting(ItemInfo::key, ItemInfo::type, ItemInfo::valueType)
          .containsExactly(
              tuple("netpool.it.character", ItemInfo.TYPE_TRAPPER, ValueType.CHARACTER),
              tuple("netpool.it.text", ItemInfo.TYPE_TRAPPER, ValueType.TEXT),
              tuple("netpool.it.unsigned", ItemInfo.TYPE_TRAPPER, ValueType.UNSIGNED),
              tuple("netpool.ping.loss", ItemInfo.TYPE_TRAPPER, ValueType.FLOAT));
      // The loss item comes from the base template, through the line template.
      assertThat(admin.items(hostId))
          .filteredOn(item -> item.key().equals("netpool.ping.loss"))
          .singleElement()
          .satisfies(item -> assertThat(item.templateId()).isNotEqualTo("0"));

      JsonNode got =
          admin
              .call(
                  "host.get",
                  Map.of(
                      "hostids", List.of(hostId),
                      "output", List.of("host", "name", "proxy_hostid"),
                      "selectTags", "extend",
                      "selectMacros", List.of("macro", "value"),
                      "selectParentTemplates", List.of("templateid")))
              .get(0);
      assertThat(got.path("name").asText()).isEqualTo("Line 1");
      assertThat(got.path("proxy_hostid").asText()).isEqualTo(proxy);
      assertThat(texts(got.path("tags"), "tag")).containsExactly("netpool");
      assertThat(texts(got.path("macros"), "value")).containsExactly("192.0.2.10");
      assertThat(texts(got.path("parentTemplates"), "templateid")).containsExactly(line);
      JsonNode nested =
          admin
              .call(
                  "template.get",
                  Map.of(
                      "templateids",
                      List.of(line),
                      "output",
                      List.of("host"),
                      "selectParentTemplates",
                      List.of("templateid"),
                      "selectMacros",
                      List.of("macro")))
              .get(0);
      assertThat(texts(nested.path("parentTemplates"), "templateid")).containsExactly(base);
      assertThat(texts(nested.path("macros"), "macro")).containsExactly("{$NETPOOL.LINE.SOURCE}");
    }

    try (ZabbixAdmin after = zabbix.admin()) {
      assertThat(after.hostId(host)).isEmpty();
      assertThat(
              after.call(
                  "usermacro.get", Map.of("globalmacro", true, "globalmacroids", List.of(macroId))))
          .isEmpty();
    }
  }

  @Test
  void apiErrorsNameTheMethodAndZabbixsReason() {
    try (ZabbixAdmin admin = RealZabbix.get().admin()) {
      String group = admin.createHostGroup(admin.name("dup"));
      assertThat(group).isNotBlank();

      assertThatThrownBy(() -> admin.createHostGroup(admin.name("dup")))
          .isInstanceOf(ZabbixApiException.class)
          .hasMessageContaining("hostgroup.create failed")
          .hasMessageContaining("already exists");
    }
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(node -> out.add(node.path(field).asText()));
    return out;
  }
}
