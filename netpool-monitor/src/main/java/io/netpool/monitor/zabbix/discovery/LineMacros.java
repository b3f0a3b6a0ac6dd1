package io.netpool.monitor.zabbix.discovery;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Durations;
import io.netpool.monitor.inventory.Fields;
import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.PlatformField;
import io.netpool.monitor.inventory.ProbeRules;
import io.netpool.monitor.inventory.ProbeSelection;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.ping.PingRequest;
import io.netpool.monitor.zabbix.ZabbixSettings;
import io.netpool.monitor.zabbix.discovery.MacroResolver.Resolved;
import io.netpool.pool.Protocol;
import io.netpool.pool.SessionOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns a line host's resolved macros into a {@link LineSpec} and the {@link DeviceSpec} of its
 * router (docs/zabbix.md, "Line macros"). Every problem is collected, not only the first, each
 * naming the macro; a problem never quotes a password. A pure function (apart from reading {@code
 * env:} and {@code file:} password references).
 */
final class LineMacros {
  static final String LINE_ID = "{$LINE_ID}";
  static final String TARGET = "{$LINE_TARGET}";
  static final String INTERVAL = "{$LINE_CHECK_INTERVAL}";
  static final String ROUTER_IP = "{$LINE_ROUTER_IP}";
  static final String ROUTER_PORT = "{$LINE_ROUTER_PORT}";
  static final String USERNAME = "{$LINE_ROUTER_USERNAME}";
  static final String PASSWORD = "{$LINE_ROUTER_PASSWORD}";
  static final String PLATFORM = "{$LINE_ROUTER_PLATFORM}";
  static final String PROTOCOL = "{$LINE_ROUTER_PROTOCOL}";
  static final String SOURCE = "{$LINE_SOURCE}";
  static final String VRF = "{$LINE_VRF}";
  static final String REPEAT = "{$LINE_REPEAT}";
  static final String TIMEOUT = "{$LINE_TIMEOUT}";
  static final String ROUTER_ZABBIX_HOST = "{$LINE_ROUTER_ZABBIX_HOST}";
  static final String PROBE = "{$LINE_PROBE}";
  static final String SLA_FREQUENCY = "{$LINE_SLA_FREQUENCY}";

  /** The macro of each operation name of {@code probe: sla}: {@code {$LINE_SLA_OPERATION}}, ... */
  static String slaKeyMacro(String key) {
    return "{$LINE_SLA_" + key.toUpperCase(java.util.Locale.ROOT) + "}";
  }

  private LineMacros() {}

  /**
   * Values used when an optional macro is empty.
   *
   * @param interval check interval
   * @param protocol router protocol
   * @param hostKey host key mode of the routers (not a macro)
   */
  record Defaults(Duration interval, Protocol protocol, HostKeyPolicy hostKey) {
    static Defaults of(ZabbixSettings.Discovery d) {
      return new Defaults(d.defaultInterval(), d.defaultProtocol(), d.hostKey());
    }
  }

  /**
   * The line and router, or the problems (then both are null).
   *
   * @param line the line; its Zabbix route is not set yet
   * @param router its router
   * @param problems what is wrong, in macro order
   */
  record Result(LineSpec line, DeviceSpec router, List<String> problems) {
    boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * @param hostName the host's technical name (the target when {@code {$LINE_TARGET}} is not set)
   * @param macros the host's resolved macros
   * @param defaults values for empty optional macros
   * @param environment reads {@code env:NAME} password references
   */
  static Result read(
      String hostName,
      Map<String, Resolved> macros,
      Defaults defaults,
      UnaryOperator<String> environment) {
    return new Reader(macros, environment).read(hostName, defaults);
  }

  /** The id of the device for a router: its address, plus {@code :port} when not 22. */
  static String routerId(String address, int port) {
    if (port == DeviceSpec.DEFAULT_PORT) {
      return address;
    }
    boolean bare6 = address.indexOf(':') >= 0 && !address.startsWith("[");
    return (bare6 ? "[" + address + "]" : address) + ":" + port;
  }

  /** Reads one host's macros, collecting problems. */
  private static final class Reader {
    private final Map<String, Resolved> macros;
    private final UnaryOperator<String> environment;
    private final List<String> problems = new ArrayList<>();

    Reader(Map<String, Resolved> macros, UnaryOperator<String> environment) {
      this.macros = macros;
      this.environment = environment;
    }

    Result read(String hostName, Defaults defaults) {
      String id = required(LINE_ID);
      if (id != null && !Fields.isId(id)) {
        problem(
            LINE_ID,
            "'" + id + "' is not a valid line id (1..128 of letters, digits and _ . : / @ + -)");
        id = null;
      }
      String target = target(hostName);
      Duration interval = duration(INTERVAL, LineSpec.MIN_INTERVAL, null, defaults.interval());
      String routerIp = required(ROUTER_IP);
      if (routerIp != null && !Fields.isHost(routerIp)) {
        problem(ROUTER_IP, "'" + routerIp + "' is not an IP address or host name");
        routerIp = null;
      }
      Integer port =
          integer(ROUTER_PORT, DeviceSpec.MIN_PORT, DeviceSpec.MAX_PORT, DeviceSpec.DEFAULT_PORT);
      String username = required(USERNAME);
      SecretRef password = password();
      PingPlatform platform = platform();
      Protocol protocol = protocol(defaults.protocol());
      String source = pingField(SOURCE, true);
      String vrf = pingField(VRF, false);
      Integer repeat =
          integer(REPEAT, PingRequest.MIN_COUNT, PingRequest.MAX_COUNT, LineSpec.DEFAULT_REPEAT);
      Duration timeout =
          duration(
              TIMEOUT, PingRequest.MIN_TIMEOUT, PingRequest.MAX_TIMEOUT, LineSpec.DEFAULT_TIMEOUT);
      String routerHost = routerZabbixHost();
      ProbeSelection probes = probes(platform);
      if (!problems.isEmpty()) {
        return new Result(null, null, List.copyOf(problems));
      }
      String routerId = routerId(routerIp, port);
      DeviceSpec router =
          new DeviceSpec(
              routerId,
              routerIp,
              port,
              platform,
              protocol,
              username,
              password,
              null,
              null,
              0,
              defaults.hostKey(),
              Map.of(),
              routerHost,
              // discovered routers are reached directly; jump hosts and the like: monitor.yml
              SessionOptions.NONE);
      LineSpec line =
          new LineSpec(id, routerId, target, source, vrf, repeat, timeout, null, interval, Map.of())
              .withProbes(probes);
      return new Result(line, router, List.of());
    }

    /** The text value of a macro; null when not set, empty, secret or vault (reported). */
    private String value(String name, boolean strip) {
      Resolved r = macros.get(name);
      if (r == null) {
        return null;
      }
      if (r.type() == UserMacro.SECRET) {
        problem(
            name,
            "is a secret macro ("
                + r.origin()
                + "); the API never returns secret values: make it a text macro, for a password"
                + " with env:NAME or file:/path");
        return null;
      }
      if (r.type() == UserMacro.VAULT) {
        problem(
            name,
            "is a vault macro ("
                + r.origin()
                + "); netpool cannot read vault secrets: make it a text macro, for a password with"
                + " env:NAME or file:/path");
        return null;
      }
      String v = r.value() == null ? "" : r.value();
      v = strip ? v.strip() : v;
      return v.isEmpty() ? null : v;
    }

    private boolean secretLike(String name) {
      Resolved r = macros.get(name);
      return r != null && r.type() != UserMacro.TEXT;
    }

    private String required(String name) {
      String v = value(name, true);
      if (v == null && !secretLike(name)) {
        problem(name, macros.containsKey(name) ? "is empty" : "is missing");
      }
      return v;
    }

    private String target(String hostName) {
      String t = value(TARGET, true);
      if (t != null) {
        if (!Fields.isAddress(t)) {
          problem(TARGET, "'" + t + "' is not an IPv4 or IPv6 address");
          return null;
        }
        return t;
      }
      if (secretLike(TARGET)) {
        return null;
      }
      if (!Fields.isAddress(hostName)) {
        problems.add(
            TARGET
                + " is missing and the host name '"
                + hostName
                + "' is not an IP address: set "
                + TARGET
                + " to the line peer's address");
        return null;
      }
      return hostName;
    }

    /** Bare numbers are seconds (as in Zabbix); otherwise units as in monitor.yml. */
    private Duration duration(String name, Duration min, Duration max, Duration dflt) {
      String v = value(name, true);
      if (v == null) {
        return secretLike(name) ? null : dflt;
      }
      Duration d;
      try {
        d = v.matches("\\d{1,12}") ? Duration.ofSeconds(Long.parseLong(v)) : Durations.parse(v);
      } catch (IllegalArgumentException e) {
        problem(
            name,
            "'" + v + "' is not a duration: write seconds (180) or with a unit (180s, 3m, 1h)");
        return null;
      }
      if (d.compareTo(min) < 0) {
        problem(name, "'" + v + "' is too short: at least " + Durations.format(min));
        return null;
      }
      if (max != null && d.compareTo(max) > 0) {
        problem(name, "'" + v + "' is too long: at most " + Durations.format(max));
        return null;
      }
      return d;
    }

    private Integer integer(String name, int min, int max, int dflt) {
      String v = value(name, true);
      if (v == null) {
        return secretLike(name) ? null : dflt;
      }
      try {
        int n = Integer.parseInt(v);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(name, "'" + v + "' is not a whole number " + min + ".." + max);
      return null;
    }

    private SecretRef password() {
      String v = value(PASSWORD, false);
      if (v == null) {
        if (!secretLike(PASSWORD)) {
          problem(PASSWORD, macros.containsKey(PASSWORD) ? "is empty" : "is missing");
        }
        return null;
      }
      if (v.startsWith("env:")) {
        String name = v.substring(4).strip();
        if (!Fields.isEnvName(name)) {
          problem(PASSWORD, "env:'" + name + "' is not an environment variable name");
          return null;
        }
        String value = environment.apply(name);
        if (value == null) {
          problem(PASSWORD, "refers to environment variable " + name + ", which is not set");
          return null;
        }
        return SecretRef.env(name, value);
      }
      if (v.startsWith("file:")) {
        Path p = Path.of(v.substring(5).strip());
        if (!p.isAbsolute()) {
          problem(PASSWORD, "file:" + p + " must be an absolute path");
          return null;
        }
        try {
          return SecretRef.file(p, Fields.firstLine(p));
        } catch (IOException e) {
          // names the file, never its content
          problem(
              PASSWORD, "cannot read secret file " + p + " (" + e.getClass().getSimpleName() + ")");
          return null;
        }
      }
      // value: escapes a literal that itself starts with env: or file:
      return SecretRef.literal(v.startsWith("value:") ? v.substring(6) : v);
    }

    /**
     * {@code {$LINE_PROBE}} ({@code ping}, {@code sla}, {@code ping,sla}; default ping), the
     * operation's names ({@code {$LINE_SLA_OPERATION}}, {@code _OWNER}, {@code _ADMIN}, {@code
     * _TEST}) and {@code {$LINE_SLA_FREQUENCY}}, under the rules of monitor.yml's keys.
     */
    private ProbeSelection probes(PingPlatform platform) {
      String text = value(PROBE, true);
      List<String> types = new java.util.ArrayList<>();
      for (String t : text == null ? new String[] {ProbeSelection.PING} : text.split("[,\\s]+")) {
        if (!ProbeRules.TYPES.contains(t)) {
          problem(
              PROBE,
              "'"
                  + t
                  + "' is not a probe type (known: "
                  + String.join(", ", ProbeRules.TYPES)
                  + ")");
          return null;
        }
        if (!types.contains(t)) {
          types.add(t);
        }
      }
      Map<String, String> keys = new java.util.LinkedHashMap<>();
      for (String key : ProbeRules.KEYS) {
        String v = value(slaKeyMacro(key), true);
        if (v != null) {
          try {
            keys.put(key, ProbeRules.keyValue(key, v));
          } catch (IllegalArgumentException e) {
            problem(slaKeyMacro(key), e.getMessage());
            return null;
          }
        }
      }
      Duration frequency =
          duration(
              SLA_FREQUENCY,
              Duration.ofSeconds(1),
              Duration.ofDays(1),
              ProbeSelection.DEFAULT_FREQUENCY);
      if (platform == null || frequency == null) {
        return null;
      }
      ProbeRules.problems(types, keys.keySet(), platform)
          .forEach(
              (key, message) -> problem(key.equals("probe") ? PROBE : slaKeyMacro(key), message));
      return new ProbeSelection(types, keys, frequency);
    }

    private PingPlatform platform() {
      String v = required(PLATFORM);
      if (v == null) {
        return null;
      }
      try {
        return PlatformField.parse(v);
      } catch (IllegalArgumentException e) {
        problem(
            PLATFORM,
            "'"
                + v
                + "' is not a known platform (known: "
                + String.join(", ", PlatformField.known())
                + ")");
        return null;
      }
    }

    private Protocol protocol(Protocol dflt) {
      String v = value(PROTOCOL, true);
      if (v == null) {
        return secretLike(PROTOCOL) ? null : dflt;
      }
      Protocol p = Fields.protocolOrNull(v);
      if (p == null) {
        problem(PROTOCOL, "'" + v + "' is not a protocol (ssh, cli, or scrapli = cli)");
      }
      return p;
    }

    /** {@code {$LINE_SOURCE}} and {@code {$LINE_VRF}}: they end up on a router command line. */
    private String pingField(String name, boolean source) {
      String v = value(name, true);
      if (v == null) {
        return null;
      }
      if (Fields.isPingName(v, source)) {
        return v;
      }
      problem(
          name,
          source
              ? "'" + v + "' is not an interface name or IP address"
              : "'" + v + "' is not a VRF name (letters, digits and _ . : / -, up to 64)");
      return null;
    }

    /** The router's own Zabbix host (docs/zabbix.md, "Router problems"), or null. */
    private String routerZabbixHost() {
      String v = value(ROUTER_ZABBIX_HOST, true);
      if (v == null || Fields.isZabbixHost(v)) {
        return v;
      }
      problem(ROUTER_ZABBIX_HOST, "'" + v + "' is not a Zabbix host name");
      return null;
    }

    private void problem(String macro, String message) {
      problems.add(macro + " " + message);
    }
  }
}
