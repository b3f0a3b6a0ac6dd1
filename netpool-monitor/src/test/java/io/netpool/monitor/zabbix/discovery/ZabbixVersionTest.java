package io.netpool.monitor.zabbix.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ZabbixVersionTest {

  @ParameterizedTest
  @CsvSource({
    "6.0.14, 6, 0, 14, ''",
    "7.0.0, 7, 0, 0, ''",
    "7.2.0rc1, 7, 2, 0, rc1",
    "6.4.0beta3, 6, 4, 0, beta3",
    "' 7.4.1 ', 7, 4, 1, ''",
    "7.0, 7, 0, 0, ''"
  })
  void parsesWhatApiinfoVersionReturns(String text, int major, int minor, int patch, String sfx) {
    assertThat(ZabbixVersion.parse(text)).isEqualTo(new ZabbixVersion(major, minor, patch, sfx));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "seven", "7", "7.x.1", "v7.0.0", "7.0.0-", "<html>"})
  void refusesWhatIsNotAVersion(String text) {
    assertThatThrownBy(() -> ZabbixVersion.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a Zabbix version");
  }

  @Test
  void ordersByNumbersThenPreReleaseBeforeRelease() {
    assertThat(ZabbixVersion.parse("6.0.14")).isLessThan(ZabbixVersion.parse("6.0.100"));
    assertThat(ZabbixVersion.parse("6.4.0")).isLessThan(ZabbixVersion.parse("7.0.0"));
    assertThat(ZabbixVersion.parse("7.2.0rc1")).isLessThan(ZabbixVersion.parse("7.2.0"));
    assertThat(ZabbixVersion.parse("7.2.0alpha1")).isLessThan(ZabbixVersion.parse("7.2.0rc1"));
    assertThat(ZabbixVersion.parse("5.4.9")).isLessThan(ZabbixVersion.OLDEST_SUPPORTED);
    assertThat(ZabbixVersion.parse("6.0.0rc1")).isLessThan(ZabbixVersion.OLDEST_SUPPORTED);
  }

  @Test
  void authModeAndProxyShapeFollowTheVersion() {
    assertThat(ZabbixVersion.parse("6.0.14").bearerAuth()).isFalse();
    assertThat(ZabbixVersion.parse("6.2.9").bearerAuth()).isFalse();
    assertThat(ZabbixVersion.parse("6.4.0").bearerAuth()).isTrue();
    assertThat(ZabbixVersion.parse("7.0.0").bearerAuth()).isTrue();
    assertThat(ZabbixVersion.parse("6.4.15").proxyObjects()).isFalse();
    assertThat(ZabbixVersion.parse("7.0.0").proxyObjects()).isTrue();
    assertThat(ZabbixVersion.parse("7.2.0rc1").atLeast(7, 2)).isTrue();
    assertThat(ZabbixVersion.parse("6.4.0").toString()).isEqualTo("6.4.0");
  }
}
