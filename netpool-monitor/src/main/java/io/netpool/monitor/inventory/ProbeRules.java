package io.netpool.monitor.inventory;

import io.netpool.monitor.ping.PingPlatform;
import io.netpool.ssh.platform.ProbeCommand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of a line's probe selection, wherever it is written ({@code monitor.yml} keys, Zabbix
 * line macros): known types, safe operation names, and names that match the router's platform
 * command.
 */
public final class ProbeRules {
  private ProbeRules() {}

  /** The probe types a line may name. */
  public static final List<String> TYPES = List.of(ProbeSelection.PING, ProbeSelection.SLA);

  /** The operation names a platform's command may use, in the order lines write them. */
  public static final List<String> KEYS = List.of("operation", "owner", "admin", "test");

  /** Letters, digits and {@code _ . : -}: pasted into a router command, so no space. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /**
   * The value of operation name {@code key}: an operation number (1..2147483647) for {@code
   * operation}, a name for the others.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static String keyValue(String key, String text) {
    return "operation".equals(key) ? operationNumber(text) : name(text);
  }

  static String operationNumber(String text) {
    try {
      long n = Long.parseLong(text.trim());
      if (n >= 1 && n <= Integer.MAX_VALUE) {
        return Long.toString(n);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + text + "' is not an operation number (1..2147483647)");
  }

  static String name(String text) {
    if (!NAME.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a name (1..64 letters, digits and _ . : -, no space)");
    }
    return text;
  }

  /**
   * The problems of naming {@code given} operation names for {@code types} on {@code platform}, by
   * the key they are about ({@code probe} or an operation name); empty when all hold.
   */
  public static Map<String, String> problems(
      List<String> types, Collection<String> given, PingPlatform platform) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (!types.contains(ProbeSelection.SLA)) {
      for (String key : given) {
        problems.put(key, key + " is read by probe sla only");
        break;
      }
      return problems;
    }
    ProbeCommand command = platform.profile().probe(ProbeSelection.SLA).orElse(null);
    if (command == null) {
      problems.put(
          "probe",
          "probe sla: platform "
              + platform.id()
              + " has no sla command (a probes: sla: block in its profile); Cisco, Juniper,"
              + " Huawei and H3C platforms have one");
      return problems;
    }
    List<String> missing = new ArrayList<>();
    for (String key : command.keys()) {
      if (!given.contains(key)) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      problems.put(
          "probe",
          "probe sla on "
              + platform.id()
              + " needs "
              + String.join(" and ", command.keys())
              + " (its command: "
              + command.command()
              + "); "
              + String.join(" and ", missing)
              + (missing.size() == 1 ? " is" : " are")
              + " missing");
    }
    for (String key : given) {
      if (!command.keys().contains(key)) {
        problems.put(
            key,
            key
                + " is not used on "
                + platform.id()
                + ", whose sla command needs "
                + String.join(" and ", command.keys()));
      }
    }
    return problems;
  }
}
