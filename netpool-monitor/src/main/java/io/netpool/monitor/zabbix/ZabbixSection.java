package io.netpool.monitor.zabbix;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Field;
import io.netpool.monitor.inventory.Fields;
import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.ReadContext;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.inventory.Section;
import io.netpool.monitor.inventory.Values;
import io.netpool.monitor.inventory.YamlTree.Entry;
import io.netpool.monitor.inventory.YamlTree.MapNode;
import io.netpool.monitor.inventory.YamlTree.Node;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.zabbix.delivery.tls.TrapperTls;
import io.netpool.pool.Protocol;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code zabbix:} section of {@code monitor.yml} (docs/inventory.md, "Zabbix section";
 * docs/zabbix.md). Registered by the caller: {@code loader.section(ZabbixSection.KEY,
 * ZabbixSection::read)}; its three parts are tables of {@link Field}s like devices and lines.
 */
public final class ZabbixSection {
  /** The top-level key. */
  public static final String KEY = "zabbix";

  /** The longest Zabbix API timeout accepted. */
  public static final Duration MAX_API_TIMEOUT = Duration.ofMinutes(5);

  /** The shortest Zabbix API timeout accepted. */
  public static final Duration MIN_API_TIMEOUT = Duration.ofSeconds(1);

  static final Field<URI> URL =
      Field.of("url", Fields.httpUrl())
          .required()
          .docRequired("with `api`")
          .help("http(s) URL of `api_jsonrpc.php`; no user or password in it");
  static final Field<SecretRef> TOKEN =
      Field.of("token", Fields.secret())
          .docRequired("one of token / username+password")
          .help("API token, a secret reference as for devices");
  static final Field<String> USERNAME =
      Field.of("username", Fields.nonBlank())
          .help("login name, with `api.password` (`user.login`)");
  static final Field<SecretRef> PASSWORD =
      Field.of("password", Fields.secret()).help("password reference, with `api.username`");
  static final Field<Duration> TIMEOUT =
      Field.of("timeout", Fields.duration(MIN_API_TIMEOUT, MAX_API_TIMEOUT))
          .orElse(ZabbixSettings.DEFAULT_API_TIMEOUT)
          .help("connect and per-request limit, `1s`..`5m`");

  /** {@code zabbix.api}. */
  public static final Section API = Section.of(URL, TOKEN, USERNAME, PASSWORD, TIMEOUT);

  static final Field<String> PROXY =
      Field.of("proxy", Fields.nonBlank())
          .docDefault("none")
          .help("name of the proxy whose hosts are lines; absent: hosts monitored by the server");
  static final Field<Map.Entry<String, String>> TAG =
      Field.of("tag", Fields.nameValue())
          .orElse(Map.entry(ZabbixSettings.DEFAULT_TAG_NAME, ZabbixSettings.DEFAULT_TAG_VALUE))
          .help("`NAME=VALUE` a line host has (own or from a template), matched exactly");
  static final Field<Duration> SYNC_INTERVAL =
      Field.of("sync_interval", Fields.duration(ZabbixSettings.MIN_SYNC_INTERVAL, null))
          .orElse(ZabbixSettings.DEFAULT_SYNC_INTERVAL)
          .help("time between two discoveries, at least `10s`");
  static final Field<Duration> INTERVAL =
      Field.of("interval", Fields.duration(LineSpec.MIN_INTERVAL, null))
          .orElse(LineSpec.DEFAULT_INTERVAL)
          .help("check interval of a host whose `{$LINE_CHECK_INTERVAL}` is empty");
  static final Field<Protocol> PROTOCOL =
      Field.of("protocol", Fields.protocol())
          .orElse(DeviceSpec.DEFAULT_PROTOCOL)
          .help("protocol of a router whose `{$LINE_ROUTER_PROTOCOL}` is empty");
  static final Field<HostKeyPolicy> HOST_KEY =
      Field.of("host_key", Fields.hostKey())
          .orElse(DeviceSpec.DEFAULT_HOST_KEY)
          .help("`host_key` mode of every discovered router");

  /** {@code zabbix.discovery}. */
  public static final Section DISCOVERY =
      Section.of(PROXY, TAG, SYNC_INTERVAL, INTERVAL, PROTOCOL, HOST_KEY);

  static final Field<ZabbixEndpoint> SERVER =
      Field.of("server", Fields.endpoint())
          .docDefault("none")
          .help(
              "trapper of the Zabbix server (`HOST[:PORT]`, port 10051 by default); `--zabbix`"
                  + " wins over it");
  static final Field<Map<String, TrapperTlsSection.Proxy>> PROXIES =
      Field.of(
              "proxies",
              Fields.mapOf(
                  TrapperTlsSection.proxy(),
                  "proxy name: HOST[:PORT] or {address: HOST[:PORT], tls: {...}}"))
          .orElse(Map.of())
          .docDefault("none")
          .help(
              "trapper address per proxy name (`HOST[:PORT]`, or `{address: HOST[:PORT], tls:"
                  + " {...}}` with the proxy's own TLS); wins over the address the API reports");
  static final Field<TrapperTls> TLS =
      Field.of("tls", TrapperTlsSection.reader())
          .docDefault("unencrypted")
          .help(
              "TLS of the trapper connections, fields `sender.tls.*` below (docs/zabbix.md, TLS)");

  static final Field<Long> SPOOL_MAX_SIZE =
      Field.of("spool_max_size", Fields.parsed(ByteSizes::parse))
          .orElse(ZabbixSettings.DEFAULT_SPOOL_MAX_SIZE)
          .docDefault("`256MB`")
          .help(
              "most bytes of values each destination's spool keeps (`KB`, `MB`, `GB`, powers of"
                  + " 1024); the oldest are dropped first");
  static final Field<Duration> SPOOL_MAX_AGE =
      Field.of("spool_max_age", Fields.duration(Duration.ofMinutes(1), null))
          .orElse(ZabbixSettings.DEFAULT_SPOOL_MAX_AGE)
          .help("values spooled longer ago are dropped, at least `1m`");

  /** {@code zabbix.sender}. */
  public static final Section SENDER =
      Section.of(SERVER, PROXIES, TLS, SPOOL_MAX_SIZE, SPOOL_MAX_AGE);

  /** {@code zabbix.sender.tls} and a proxy's {@code tls}. */
  public static final Section SENDER_TLS = TrapperTlsSection.TLS;

  private static final List<String> KEYS = List.of("api", "discovery", "sender");

  private ZabbixSection() {}

  /**
   * The {@code zabbix:} section of a file read by a loader with this section registered ({@code
   * loader.section(KEY, ZabbixSection::read)}), or null when the file has none.
   */
  public static ZabbixSettings of(InventoryLoader.MonitorFile file) {
    return file.section(KEY, ZabbixSettings.class);
  }

  /** Reads the section; null when it has a problem (reported). */
  public static ZabbixSettings read(Node node, String path, ReadContext ctx) {
    MapNode m = mapping(node, path, "'api', 'discovery' and/or 'sender'", ctx);
    if (m == null) {
      return null;
    }
    Fields.unknownKeys(m, KEYS, path, ctx);
    int before = ctx.problems().errorCount();
    Part api = part(m, path, "api", API, ctx);
    Part discovery = part(m, path, "discovery", DISCOVERY, ctx);
    Part sender = part(m, path, "sender", SENDER, ctx);
    ZabbixSettings.Api a = api.values() == null ? null : api(api.values(), api.node(), path, ctx);
    if (discovery.present() && !api.present()) {
      ctx.problem(
          m.entries().get("discovery").keyMark(),
          path + ".api",
          "discovery needs 'api' (url, and token or username and password)");
    }
    if (ctx.problems().errorCount() != before) {
      return null;
    }
    Values d = discovery.values();
    Values s = sender.values();
    return new ZabbixSettings(
        a,
        d == null
            ? null
            : new ZabbixSettings.Discovery(
                d.get(PROXY),
                d.get(TAG).getKey(),
                d.get(TAG).getValue(),
                d.get(SYNC_INTERVAL),
                d.get(INTERVAL),
                d.get(PROTOCOL),
                d.get(HOST_KEY)),
        s == null ? null : sender(s));
  }

  private static ZabbixSettings.Sender sender(Values s) {
    Map<String, ZabbixEndpoint> addresses = new LinkedHashMap<>();
    Map<String, TrapperTls> tls = new LinkedHashMap<>();
    s.get(PROXIES)
        .forEach(
            (name, proxy) -> {
              addresses.put(name, proxy.address());
              if (proxy.tls() != null) {
                tls.put(name, proxy.tls());
              }
            });
    return new ZabbixSettings.Sender(
        s.get(SERVER), addresses, s.get(TLS), tls, s.get(SPOOL_MAX_SIZE), s.get(SPOOL_MAX_AGE));
  }

  /** The API, after its own rule: a token, or a username and a password. */
  private static ZabbixSettings.Api api(Values v, MapNode m, String path, ReadContext ctx) {
    String at = path + ".api";
    boolean token = v.isSet(TOKEN);
    boolean username = v.isSet(USERNAME);
    boolean password = v.isSet(PASSWORD);
    boolean ok = v.ok();
    if (token && (username || password)) {
      ctx.problem(m.mark(), at, "use either 'token' or 'username' and 'password', not both");
      ok = false;
    } else if (!token && (!username || !password)) {
      String missing =
          !username && !password
              ? "'token', or 'username' and 'password'"
              : !username ? "'username' (with 'password')" : "'password' (with 'username')";
      ctx.problem(m.mark(), at, "missing " + missing);
      ok = false;
    }
    return ok
        ? new ZabbixSettings.Api(
            v.get(URL), v.get(TOKEN), v.get(USERNAME), v.get(PASSWORD), v.get(TIMEOUT))
        : null;
  }

  /**
   * A part of the section.
   *
   * @param present written and not empty
   * @param node the mapping, or null when absent or not a mapping (reported)
   * @param values its values, or null when absent or not a mapping
   */
  private record Part(boolean present, MapNode node, Values values) {}

  private static Part part(MapNode parent, String path, String key, Section s, ReadContext ctx) {
    Entry e = parent.entries().get(key);
    if (e == null || Fields.isNull(e.value())) {
      return new Part(false, null, null);
    }
    String sub = path + "." + key;
    MapNode m = mapping(e.value(), sub, "its fields", ctx);
    return new Part(true, m, m == null ? null : s.read(m, sub, Values.none(), ctx));
  }

  private static MapNode mapping(Node node, String path, String what, ReadContext ctx) {
    if (node instanceof MapNode m) {
      return m;
    }
    ctx.problem(node.mark(), path, "expected a mapping with " + what + ", got " + node.kind());
    return null;
  }
}
