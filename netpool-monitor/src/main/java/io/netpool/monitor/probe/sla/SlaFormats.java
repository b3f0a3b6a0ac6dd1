package io.netpool.monitor.probe.sla;

import java.util.Map;

/** The SLA output formats netpool reads, by the name platform profiles give in {@code format}. */
final class SlaFormats {
  private SlaFormats() {}

  private static final Map<String, SlaParser> PARSERS =
      Map.of(
          "cisco_ip_sla", new CiscoIpSlaParser(),
          "iosxr_ipsla", new IosxrIpslaParser(),
          "junos_rpm", new JunosRpmParser(),
          "huawei_nqa", new HuaweiNqaParser(),
          "h3c_nqa", new H3cNqaParser());

  /** The parser of {@code format}, or null when netpool has none. */
  static SlaParser parser(String format) {
    return PARSERS.get(format);
  }

  static java.util.Set<String> names() {
    return new java.util.TreeSet<>(PARSERS.keySet());
  }
}
