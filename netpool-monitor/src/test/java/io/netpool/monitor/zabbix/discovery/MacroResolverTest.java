package io.netpool.monitor.zabbix.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.zabbix.discovery.MacroResolver.Resolution;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MacroResolverTest {

  static ZabbixTemplate template(String id, List<String> parents, UserMacro... macros) {
    return new ZabbixTemplate(id, "t" + id, List.of(macros), parents);
  }

  static ZabbixHost host(List<String> templates, UserMacro... macros) {
    return new ZabbixHost("1", "h1", "h1", 0, null, List.of(), List.of(macros), templates);
  }

  static Map<String, ZabbixTemplate> byId(ZabbixTemplate... ts) {
    return Stream.of(ts).collect(Collectors.toMap(ZabbixTemplate::id, t -> t));
  }

  static String value(Resolution r, String name) {
    MacroResolver.Resolved v = r.macros().get(name);
    return v == null ? null : v.value();
  }

  @Test
  void globalLosesToNestedTemplateWhichLosesToDirectTemplateWhichLosesToHost() {
    // host -> direct(10) -> nested(20); each defines a subset of A..D
    Map<String, ZabbixTemplate> templates =
        byId(
            template(
                "10",
                List.of("20"),
                UserMacro.text("{$B}", "direct"),
                UserMacro.text("{$C}", "direct")),
            template(
                "20",
                List.of(),
                UserMacro.text("{$B}", "nested"),
                UserMacro.text("{$C}", "nested"),
                UserMacro.text("{$D}", "nested")));
    List<UserMacro> globals =
        List.of(
            UserMacro.text("{$A}", "global"),
            UserMacro.text("{$B}", "global"),
            UserMacro.text("{$C}", "global"),
            UserMacro.text("{$D}", "global"),
            UserMacro.text("{$E}", "global"));
    Resolution r =
        MacroResolver.resolve(
            host(List.of("10"), UserMacro.text("{$C}", "host"), UserMacro.text("{$A}", "host")),
            templates,
            globals);
    assertThat(value(r, "{$A}")).isEqualTo("host");
    assertThat(value(r, "{$B}")).isEqualTo("direct");
    assertThat(value(r, "{$C}")).isEqualTo("host");
    assertThat(value(r, "{$D}")).isEqualTo("nested");
    assertThat(value(r, "{$E}")).isEqualTo("global");
    assertThat(r.macros().get("{$B}").origin()).isEqualTo("template 't10'");
    assertThat(r.macros().get("{$E}").origin()).isEqualTo("global");
    assertThat(r.missingTemplates()).isEmpty();
  }

  @Test
  void atOneLevelTheTemplateWithTheLowestIdWinsAsInZabbix() {
    Map<String, ZabbixTemplate> templates =
        byId(
            template("900", List.of(), UserMacro.text("{$X}", "t900")),
            template("12", List.of(), UserMacro.text("{$X}", "t12")),
            template("100", List.of(), UserMacro.text("{$X}", "t100")));
    // the order of linking does not matter; 12 < 100 < 900 numerically (not as text)
    Resolution r = MacroResolver.resolve(host(List.of("900", "100", "12")), templates, List.of());
    assertThat(value(r, "{$X}")).isEqualTo("t12");
  }

  @Test
  void aTemplateReachableAtTwoDepthsCountsAtTheNearerOne() {
    // 40 is linked to the host and also inherited through 50: it counts at level 1, so its X
    // beats the X of 45 (level 2 through 50)
    Map<String, ZabbixTemplate> templates =
        byId(
            template("50", List.of("40", "45")),
            template("45", List.of(), UserMacro.text("{$X}", "t45")),
            template("40", List.of(), UserMacro.text("{$X}", "t40")));
    Resolution r = MacroResolver.resolve(host(List.of("50", "40")), templates, List.of());
    assertThat(value(r, "{$X}")).isEqualTo("t40");
    assertThat(MacroResolver.levels(List.of("50", "40"), templates, new java.util.ArrayList<>()))
        .extracting(l -> l.stream().map(ZabbixTemplate::id).toList())
        .containsExactly(List.of("50", "40"), List.of("45"));
  }

  @Test
  void contextMacrosDoNotDefineThePlainMacro() {
    Resolution r =
        MacroResolver.resolve(
            host(List.of(), UserMacro.text("{$LINE_ID:\"ctx\"}", "from-context")),
            Map.of(),
            List.of());
    assertThat(r.macros()).doesNotContainKey("{$LINE_ID}");
    assertThat(value(r, "{$LINE_ID:\"ctx\"}")).isEqualTo("from-context");
  }

  @Test
  void aHostSecretMacroHidesATemplateTextValue() {
    Map<String, ZabbixTemplate> templates =
        byId(template("10", List.of(), UserMacro.text("{$P}", "template-text")));
    Resolution r =
        MacroResolver.resolve(
            host(List.of("10"), new UserMacro("{$P}", null, UserMacro.SECRET)),
            templates,
            List.of());
    assertThat(r.macros().get("{$P}").type()).isEqualTo(UserMacro.SECRET);
    assertThat(r.macros().get("{$P}").value()).isNull();
  }

  @Test
  void unreadableTemplatesAreReportedAndLoopsEnd() {
    Map<String, ZabbixTemplate> templates =
        byId(template("1", List.of("2")), template("2", List.of("1", "3")));
    Resolution r = MacroResolver.resolve(host(List.of("1", "9")), templates, List.of());
    assertThat(r.missingTemplates()).containsExactlyInAnyOrder("9", "3");
  }
}
