package io.netpool.monitor.zabbix.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.zabbix.setup.ShippedTemplates;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The router template ({@code zabbix/templates/netpool_router.yaml}, as the class path carries it
 * for {@code zabbix-setup}) against the code: one item, the router key, with the failure codes'
 * value map, and the router trigger that {@code zabbix-setup} looks up by name.
 */
class ShippedRouterTemplateTest {

  private final JsonNode export = read().path("zabbix_export");
  private final JsonNode template = export.path("templates").path(0);

  private static JsonNode read() {
    try {
      return new ObjectMapper(new YAMLFactory())
          .readTree(ShippedTemplates.yaml("netpool_router.yaml"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void isTheRouterTemplateWithTheRouterItemOnly() {
    assertThat(export.path("version").asText()).isEqualTo("6.0");
    assertThat(template.path("template").asText()).isEqualTo(ShippedTemplates.ROUTER);
    assertThat(template.path("items").findValuesAsText("key"))
        .containsExactly(ZabbixItemKeys.DEFAULT_ROUTER);
    assertThat(template.path("items").path(0).path("type").asText()).isEqualTo("TRAP");
  }

  @Test
  void valueMapIsTheFailureCodes() {
    assertThat(ShippedTemplateTest.valueMapOf(template, ZabbixItemKeys.DEFAULT_ROUTER))
        .isEqualTo(ShippedTemplateTest.failureCodes());
  }

  @Test
  void routerTriggerIsTheOneSetupLooksFor() {
    List<String> names = export.path("triggers").findValuesAsText("name");
    assertThat(names).containsExactly(ShippedTemplates.ROUTER_TRIGGER);
    assertThat(export.path("triggers").path(0).path("expression").asText())
        .isEqualTo(
            "min(/netpool router/" + ZabbixItemKeys.DEFAULT_ROUTER + ",{$NETPOOL.FAIL.CHECKS})>=1");
  }

  @Test
  void routerLevelKindsAreTheOnesThatMakeBothTriggers() {
    // the templates' descriptions list the router failures: keep them true
    List<String> atRouter =
        Arrays.stream(FailureKind.values())
            .filter(FailureKind::atRouter)
            .map(k -> k.wireName())
            .toList();
    String description = template.path("items").path(0).path("description").asText();
    atRouter.forEach(k -> assertThat(description).contains(k));
  }
}
