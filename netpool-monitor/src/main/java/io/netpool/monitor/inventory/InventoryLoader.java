package io.netpool.monitor.inventory;

import com.fasterxml.jackson.core.JsonToken;
import io.netpool.monitor.inventory.YamlTree.Entry;
import io.netpool.monitor.inventory.YamlTree.MapNode;
import io.netpool.monitor.inventory.YamlTree.Mark;
import io.netpool.monitor.inventory.YamlTree.Node;
import io.netpool.monitor.inventory.YamlTree.Scalar;
import io.netpool.monitor.inventory.YamlTree.SeqNode;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.ping.PingRequest;
import io.netpool.monitor.zabbix.ZabbixSettings;
import io.netpool.pool.Protocol;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads and validates {@code monitor.yml} (format: {@code docs/inventory.md}).
 *
 * <p>Every problem in the file is collected and reported at once in one {@link InventoryException},
 * each with file, line, column and field path. Unknown keys anywhere are errors, with a "did you
 * mean" suggestion when a known key is close. Secret references are resolved when loading (a
 * missing environment variable or unreadable file is an error) so a file that loads is a file the
 * monitor can use.
 */
public final class InventoryLoader {
  /** Default SSH port. */
  public static final int DEFAULT_PORT = 22;

  /** Default protocol: the interactive CLI (alias {@code scrapli}), which every platform has. */
  public static final Protocol DEFAULT_PROTOCOL = Protocol.CLI;

  /** Default host key mode. */
  public static final HostKeyPolicy DEFAULT_HOST_KEY = HostKeyPolicy.STRICT;

  /** Default probes per check. */
  public static final int DEFAULT_REPEAT = 5;

  /** Default per-probe timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** Default interval between checks (the original's default: 3 minutes). */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(3);

  /** The shortest interval accepted. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /** The longest Zabbix API timeout accepted. */
  static final Duration MAX_API_TIMEOUT = Duration.ofMinutes(5);

  /** The longest per-probe timeout accepted (the ping request's own bound). */
  public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  static final List<String> TOP_KEYS = List.of("defaults", "devices", "lines", "zabbix");
  static final List<String> DEFAULTS_KEYS = List.of("device", "line");
  static final List<String> DEVICE_KEYS =
      List.of(
          "id",
          "host",
          "port",
          "platform",
          "protocol",
          "username",
          "password",
          "enable_secret",
          "private_key",
          "max_sessions",
          "host_key",
          "tags");
  static final List<String> LINE_KEYS =
      List.of(
          "id",
          "router",
          "target",
          "source",
          "vrf",
          "repeat",
          "timeout",
          "size",
          "interval",
          "tags",
          "zabbix_host");
  static final List<String> ZABBIX_KEYS = List.of("api", "discovery", "sender");
  static final List<String> ZABBIX_API_KEYS =
      List.of("url", "token", "username", "password", "timeout");
  static final List<String> ZABBIX_DISCOVERY_KEYS =
      List.of("proxy", "tag", "sync_interval", "interval", "protocol", "host_key");
  static final List<String> ZABBIX_SENDER_KEYS = List.of("server", "proxies");
  static final List<String> SECRET_KEYS = List.of("env", "file", "value");
  private static final List<String> PROTOCOL_NAMES = List.of("ssh", "cli", "scrapli");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:/@+-]{1,128}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.:%\\[\\]-]{1,253}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  // Zabbix's own rule for technical host names
  private static final Pattern ZABBIX_HOST = Pattern.compile("[A-Za-z0-9 _.-]{1,128}");

  /** An explicit {@code ~} / empty value: "not set", and defaults do not apply. */
  private static final Object UNSET = new Object();

  /** A value that was invalid (already reported). */
  private static final Object INVALID = new Object();

  private final UnaryOperator<String> environment;

  /** A loader that reads secrets from the process environment. */
  public InventoryLoader() {
    this(System::getenv);
  }

  /**
   * A loader that reads {@code {env: NAME}} secrets from {@code environment} (tests, or a secret
   * store in front of the environment). The core {@link io.netpool.pool.Secret} built by {@link
   * DeviceSpec#toDevice} still reads the process environment when a session logs in.
   */
  public InventoryLoader(UnaryOperator<String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * Everything {@code monitor.yml} defines: the inventory of its own devices and lines, and its
   * {@code zabbix:} section.
   *
   * @param inventory the file's devices and lines
   * @param zabbix the {@code zabbix:} section, or null when the file has none
   */
  public record MonitorFile(Inventory inventory, ZabbixSettings zabbix) {}

  /** Loads {@code file} with secrets from the process environment. */
  public static Inventory load(Path file) throws InventoryException {
    return new InventoryLoader().read(file);
  }

  /** Reads and validates {@code file}. An unreadable file is an {@link InventoryException} too. */
  public Inventory read(Path file) throws InventoryException {
    return readMonitorFile(file).inventory();
  }

  /**
   * Validates {@code content} as if read from {@code file} (relative secret and key paths are
   * resolved against the file's folder).
   */
  public Inventory parse(Path file, byte[] content) throws InventoryException {
    return parseMonitorFile(file, content).inventory();
  }

  /** {@link #read} with the file's {@code zabbix:} section. */
  public MonitorFile readMonitorFile(Path file) throws InventoryException {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InventoryException(
          List.of(new Problem(file.toString(), 0, 0, "", "cannot read the file: " + describe(e))));
    }
    return parseMonitorFile(file, content);
  }

  /** {@link #parse} with the file's {@code zabbix:} section. */
  public MonitorFile parseMonitorFile(Path file, byte[] content) throws InventoryException {
    Run run = new Run(file, content);
    Inventory inventory = run.run();
    return new MonitorFile(inventory, run.zabbix);
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(IOException e) {
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + " " + e.getMessage();
  }

  /** One load: the problems found so far and the parsed defaults. */
  private final class Run {
    private final Path file;
    private final String fileName;
    private final Path baseDir;
    private final byte[] content;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private final Map<String, Object> deviceDefaults = new HashMap<>();
    private final Map<String, Object> lineDefaults = new HashMap<>();
    private ZabbixSettings zabbix;

    Run(Path file, byte[] content) {
      this.file = file;
      this.fileName = file.toString();
      Path parent = file.toAbsolutePath().getParent();
      this.baseDir = parent == null ? Path.of("") : parent;
      this.content = content;
    }

    Inventory run() throws InventoryException {
      Node root = YamlTree.parse(fileName, content, problems);
      List<DeviceSpec> devices = new ArrayList<>();
      List<LineSpec> lines = new ArrayList<>();
      if (root != null) {
        if (root instanceof MapNode top) {
          readTop(top, devices, lines);
        } else if (root instanceof Scalar s && s.isNull()) {
          problem(root.mark(), "", "the file is empty (no YAML document)");
        } else {
          problem(
              root.mark(),
              "",
              "the top level must be a mapping with 'devices', 'lines' and optionally 'defaults',"
                  + " not "
                  + root.kind());
        }
      }
      if (!problems.isEmpty()) {
        problems.sort(Problem.BY_POSITION);
        throw new InventoryException(problems);
      }
      warnings.sort(Problem.BY_POSITION);
      return new Inventory(file, sha256(content), devices, lines, warnings);
    }

    private void readTop(MapNode top, List<DeviceSpec> devices, List<LineSpec> lines) {
      checkKeys(top, TOP_KEYS, "");
      Entry zabbixEntry = top.entries().get("zabbix");
      if (zabbixEntry != null && !isNull(zabbixEntry.value())) {
        readZabbix(zabbixEntry.value());
      }
      Entry defaults = top.entries().get("defaults");
      if (defaults != null && !isNull(defaults.value())) {
        readDefaults(defaults.value());
      }
      Map<String, Mark> deviceIdMarks = new HashMap<>();
      Map<String, DeviceSpec> byId = new LinkedHashMap<>();
      for (Item item : items(top, "devices")) {
        DeviceSpec d = readDevice(item, deviceIdMarks);
        if (d != null) {
          devices.add(d);
          byId.put(d.id(), d);
        }
      }
      Map<String, Mark> lineIdMarks = new HashMap<>();
      Map<String, LineSpec> probeKeys = new HashMap<>();
      for (Item item : items(top, "lines")) {
        LineSpec l = readLine(item, lineIdMarks, deviceIdMarks.keySet(), byId);
        if (l != null) {
          lines.add(l);
          LineSpec same = probeKeys.putIfAbsent(l.router() + "|" + l.vrf() + "|" + l.target(), l);
          if (same != null) {
            warn(
                item.node.mark(),
                item.path,
                "pings the same target "
                    + l.target()
                    + " from the same router and VRF as line '"
                    + same.id()
                    + "'");
          }
          if (l.worstCase().compareTo(l.interval()) >= 0) {
            warn(
                item.node.mark(),
                item.path,
                "repeat × timeout = "
                    + Durations.format(l.worstCase())
                    + " is not below interval "
                    + Durations.format(l.interval())
                    + ": a check toward a dead peer overruns its interval and the next run is"
                    + " skipped");
          }
        }
      }
      if (lines.isEmpty() && problems.isEmpty() && (zabbix == null || !zabbix.discovers())) {
        warn(top.mark(), "lines", "no lines: nothing will be monitored");
      }
    }

    /** A list item under devices or lines, with its path such as {@code lines[2]}. */
    private record Item(MapNode node, String path) {}

    private List<Item> items(MapNode top, String key) {
      Entry e = top.entries().get(key);
      if (e == null || isNull(e.value())) {
        return List.of();
      }
      if (!(e.value() instanceof SeqNode seq)) {
        problem(
            e.value().mark(),
            key,
            "expected a list (items starting with '- '), got " + e.value().kind());
        return List.of();
      }
      List<Item> items = new ArrayList<>();
      for (int i = 0; i < seq.items().size(); i++) {
        Node n = seq.items().get(i);
        String path = key + "[" + i + "]";
        if (n instanceof MapNode m) {
          items.add(new Item(m, path));
        } else {
          problem(n.mark(), path, "expected a mapping (id: ..., ...), got " + n.kind());
        }
      }
      return items;
    }

    private void readDefaults(Node node) {
      if (!(node instanceof MapNode m)) {
        problem(node.mark(), "defaults", "expected a mapping with 'device' and/or 'line'");
        return;
      }
      checkKeys(m, DEFAULTS_KEYS, "defaults");
      readDefaultSection(m, "device", DEVICE_KEYS, deviceDefaults);
      readDefaultSection(m, "line", LINE_KEYS, lineDefaults);
    }

    private void readDefaultSection(
        MapNode defaults, String kind, List<String> keys, Map<String, Object> into) {
      Entry e = defaults.entries().get(kind);
      if (e == null || isNull(e.value())) {
        return;
      }
      String path = "defaults." + kind;
      if (!(e.value() instanceof MapNode m)) {
        problem(e.value().mark(), path, "expected a mapping of " + kind + " fields");
        return;
      }
      checkKeys(m, keys, path);
      for (Entry f : m.entries().values()) {
        if (f.key().equals("id") || f.key().equals("zabbix_host")) {
          problem(
              f.keyMark(),
              path + "." + f.key(),
              (f.key().equals("id") ? "an id" : "'zabbix_host'")
                  + " cannot have a default; each "
                  + kind
                  + " has its own");
        } else if (keys.contains(f.key())) {
          into.put(f.key(), value(kind, f.key(), f.value(), path + "." + f.key()));
        }
      }
    }

    /** The field's value: the item's own, else the default; null when neither is set. */
    private Object field(Item item, String kind, String name, Map<String, Object> defaults) {
      Entry e = item.node.entries().get(name);
      if (e != null) {
        return value(kind, name, e.value(), item.path + "." + name);
      }
      Object d = defaults.get(name);
      return d == UNSET ? null : d;
    }

    /** Every field of a device or line (except tags, merged separately), defaults applied. */
    private Map<String, Object> readFields(
        Item item, String kind, List<String> keys, Map<String, Object> defaults) {
      Map<String, Object> v = new HashMap<>();
      for (String k : keys) {
        if (k.equals("tags")) {
          continue;
        }
        Object value = k.equals("id") ? idValue(item, kind) : field(item, kind, k, defaults);
        if (value != null && value != UNSET) {
          v.put(k, value);
        }
      }
      v.put("tags", mergedTags(item, kind, defaults));
      return v;
    }

    /** Reports a second device or line with the same id, pointing at the first one. */
    private boolean uniqueId(
        Item item, String kind, Map<String, Object> v, Map<String, Mark> idMarks) {
      if (!(v.get("id") instanceof String id)) {
        return true;
      }
      Mark idMark = item.node.entries().get("id").value().mark();
      Mark first = idMarks.putIfAbsent(id, idMark);
      if (first == null) {
        return true;
      }
      problem(
          idMark,
          item.path + ".id",
          "duplicate " + kind + " id '" + id + "' (first at line " + first.line() + ")");
      return false;
    }

    private DeviceSpec readDevice(Item item, Map<String, Mark> idMarks) {
      MapNode n = item.node;
      checkKeys(n, DEVICE_KEYS, item.path);
      Map<String, Object> v = readFields(item, "device", DEVICE_KEYS, deviceDefaults);
      boolean ok = !v.containsValue(INVALID);
      ok &= required(item, v, "id", "host", "platform", "username");
      if (!v.containsKey("password") && !v.containsKey("private_key")) {
        problem(
            n.mark(),
            item.path,
            "missing 'password' (or 'private_key'): write password: {env: VAR}, {file: PATH} or"
                + " {value: ...}");
        ok = false;
      }
      ok &= uniqueId(item, "device", v, idMarks);
      if (!ok) {
        return null;
      }
      return new DeviceSpec(
          (String) v.get("id"),
          (String) v.get("host"),
          (Integer) v.getOrDefault("port", DEFAULT_PORT),
          (PingPlatform) v.get("platform"),
          (Protocol) v.getOrDefault("protocol", DEFAULT_PROTOCOL),
          (String) v.get("username"),
          (SecretRef) v.get("password"),
          (SecretRef) v.get("enable_secret"),
          (Path) v.get("private_key"),
          (Integer) v.getOrDefault("max_sessions", 0),
          (HostKeyPolicy) v.getOrDefault("host_key", DEFAULT_HOST_KEY),
          castTags(v.get("tags")));
    }

    private LineSpec readLine(
        Item item,
        Map<String, Mark> idMarks,
        java.util.Set<String> deviceIds,
        Map<String, DeviceSpec> validDevices) {
      MapNode n = item.node;
      checkKeys(n, LINE_KEYS, item.path);
      Map<String, Object> v = readFields(item, "line", LINE_KEYS, lineDefaults);
      boolean ok = !v.containsValue(INVALID);
      ok &= required(item, v, "id", "router", "target");
      ok &= uniqueId(item, "line", v, idMarks);
      if (v.get("router") instanceof String router && !deviceIds.contains(router)) {
        Entry own = n.entries().get("router");
        Mark m = own != null ? own.value().mark() : n.mark();
        problem(
            m,
            item.path + ".router",
            "no device '" + router + "' in devices" + Suggest.didYouMean(router, deviceIds));
        ok = false;
      } else if (v.get("router") instanceof String router && !validDevices.containsKey(router)) {
        ok = false; // the device itself is invalid and has been reported
      }
      if (!ok) {
        return null;
      }
      return new LineSpec(
          (String) v.get("id"),
          (String) v.get("router"),
          (String) v.get("target"),
          (String) v.get("source"),
          (String) v.get("vrf"),
          (Integer) v.getOrDefault("repeat", DEFAULT_REPEAT),
          (Duration) v.getOrDefault("timeout", DEFAULT_TIMEOUT),
          (Integer) v.get("size"),
          (Duration) v.getOrDefault("interval", DEFAULT_INTERVAL),
          castTags(v.get("tags")),
          v.get("zabbix_host") instanceof String zh ? new ZabbixRoute(zh, null) : null);
    }

    private Object idValue(Item item, String kind) {
      Entry e = item.node.entries().get("id");
      return e == null ? null : value(kind, "id", e.value(), item.path + ".id");
    }

    private boolean required(Item item, Map<String, Object> v, String... names) {
      boolean ok = true;
      for (String name : names) {
        if (!v.containsKey(name)) {
          Entry own = item.node.entries().get(name);
          Mark m = own != null ? own.value().mark() : item.node.mark();
          problem(m, item.path + "." + name, "missing required field '" + name + "'");
          ok = false;
        }
      }
      return ok;
    }

    private Object mergedTags(Item item, String kind, Map<String, Object> defaults) {
      Object d = defaults.get("tags");
      Entry e = item.node.entries().get("tags");
      Object own = e == null ? null : value(kind, "tags", e.value(), item.path + ".tags");
      if (own == INVALID || d == INVALID) {
        return INVALID;
      }
      Map<String, String> tags = new LinkedHashMap<>();
      if (d instanceof Map<?, ?> dm && own != UNSET) {
        dm.forEach((k, val) -> tags.put((String) k, (String) val));
      }
      if (own instanceof Map<?, ?> om) {
        om.forEach((k, val) -> tags.put((String) k, (String) val));
      }
      return tags;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> castTags(Object o) {
      return o == null ? Map.of() : (Map<String, String>) o;
    }

    // ---------------------------------------------------------------- zabbix section

    private void readZabbix(Node node) {
      MapNode m = mapping(node, "zabbix", "'api', 'discovery' and/or 'sender'");
      if (m == null) {
        return;
      }
      checkKeys(m, ZABBIX_KEYS, "zabbix");
      int before = problems.size();
      Node apiNode = section(m, "api");
      Node discoveryNode = section(m, "discovery");
      Node senderNode = section(m, "sender");
      ZabbixSettings.Api api = apiNode instanceof MapNode a ? readApi(a) : null;
      ZabbixSettings.Discovery discovery =
          discoveryNode instanceof MapNode dm ? readDiscovery(dm) : null;
      ZabbixSettings.Sender sender = senderNode instanceof MapNode s ? readSender(s) : null;
      if (discoveryNode != null && apiNode == null) {
        problem(
            m.entries().get("discovery").keyMark(),
            "zabbix.api",
            "discovery needs 'api' (url, and token or username and password)");
      }
      if (problems.size() == before) {
        zabbix = new ZabbixSettings(api, discovery, sender);
      }
    }

    /** The mapping under {@code key}, null when absent or empty, reported when not a mapping. */
    private Node section(MapNode parent, String key) {
      Entry e = parent.entries().get(key);
      if (e == null || isNull(e.value())) {
        return null;
      }
      MapNode m = mapping(e.value(), "zabbix." + key, "its fields");
      return m == null ? new Scalar("", JsonToken.NOT_AVAILABLE, e.value().mark()) : m;
    }

    private MapNode mapping(Node node, String path, String what) {
      if (node instanceof MapNode m) {
        return m;
      }
      problem(node.mark(), path, "expected a mapping with " + what + ", got " + node.kind());
      return null;
    }

    private ZabbixSettings.Api readApi(MapNode m) {
      String path = "zabbix.api";
      checkKeys(m, ZABBIX_API_KEYS, path);
      Object url = own(m, path, "url", this::apiUrl);
      Object token = own(m, path, "token", this::secret);
      Object username = own(m, path, "username", this::nonBlank);
      Object password = own(m, path, "password", this::secret);
      Object timeout =
          own(m, path, "timeout", (n, p) -> duration(n, p, Duration.ofSeconds(1), MAX_API_TIMEOUT));
      boolean ok = url != INVALID && token != INVALID && username != INVALID;
      ok &= password != INVALID && timeout != INVALID;
      if (url == null) {
        problem(m.mark(), path + ".url", "missing required field 'url'");
        ok = false;
      }
      if (token != null && (username != null || password != null)) {
        problem(m.mark(), path, "use either 'token' or 'username' and 'password', not both");
        ok = false;
      } else if (token == null && (username == null || password == null)) {
        String missing =
            username == null && password == null
                ? "'token', or 'username' and 'password'"
                : username == null
                    ? "'username' (with 'password')"
                    : "'password' (with 'username')";
        problem(m.mark(), path, "missing " + missing);
        ok = false;
      }
      if (!ok) {
        return null;
      }
      return new ZabbixSettings.Api(
          (URI) url,
          (SecretRef) token,
          (String) username,
          (SecretRef) password,
          timeout == null ? ZabbixSettings.DEFAULT_API_TIMEOUT : (Duration) timeout);
    }

    private ZabbixSettings.Discovery readDiscovery(MapNode m) {
      String path = "zabbix.discovery";
      checkKeys(m, ZABBIX_DISCOVERY_KEYS, path);
      Object proxy = own(m, path, "proxy", this::nonBlank);
      Object tag = own(m, path, "tag", this::tag);
      Object sync =
          own(
              m,
              path,
              "sync_interval",
              (n, p) -> duration(n, p, ZabbixSettings.MIN_SYNC_INTERVAL, null));
      Object interval = own(m, path, "interval", (n, p) -> duration(n, p, MIN_INTERVAL, null));
      Object protocol = own(m, path, "protocol", this::protocol);
      Object hostKey = own(m, path, "host_key", this::hostKey);
      if (Arrays.asList(proxy, tag, sync, interval, protocol, hostKey).contains(INVALID)) {
        return null;
      }
      String[] t =
          tag == null
              ? new String[] {ZabbixSettings.DEFAULT_TAG_NAME, ZabbixSettings.DEFAULT_TAG_VALUE}
              : (String[]) tag;
      return new ZabbixSettings.Discovery(
          (String) proxy,
          t[0],
          t[1],
          sync == null ? ZabbixSettings.DEFAULT_SYNC_INTERVAL : (Duration) sync,
          interval == null ? DEFAULT_INTERVAL : (Duration) interval,
          protocol == null ? DEFAULT_PROTOCOL : (Protocol) protocol,
          hostKey == null ? DEFAULT_HOST_KEY : (HostKeyPolicy) hostKey);
    }

    private ZabbixSettings.Sender readSender(MapNode m) {
      String path = "zabbix.sender";
      checkKeys(m, ZABBIX_SENDER_KEYS, path);
      Object server = own(m, path, "server", this::endpoint);
      Map<String, ZabbixEndpoint> proxies = new LinkedHashMap<>();
      boolean ok = server != INVALID;
      Entry p = m.entries().get("proxies");
      if (p != null && !isNull(p.value())) {
        MapNode pm = mapping(p.value(), path + ".proxies", "proxy name: HOST[:PORT]");
        if (pm == null) {
          ok = false;
        } else {
          for (Entry e : pm.entries().values()) {
            Object ep = endpoint(e.value(), path + ".proxies." + e.key());
            if (ep instanceof ZabbixEndpoint z) {
              proxies.put(e.key(), z);
            } else {
              ok = false;
            }
          }
        }
      }
      return ok ? new ZabbixSettings.Sender((ZabbixEndpoint) server, proxies) : null;
    }

    /** The parsed value of {@code parent.key}, null when absent or empty, or INVALID. */
    private Object own(
        MapNode parent,
        String path,
        String key,
        java.util.function.BiFunction<Node, String, Object> parser) {
      Entry e = parent.entries().get(key);
      if (e == null || isNull(e.value())) {
        return null;
      }
      if (e.value() instanceof Scalar s && s.isBroken()) {
        return INVALID;
      }
      return parser.apply(e.value(), path + "." + key);
    }

    private Object apiUrl(Node node, String path) {
      String t = text(node, path);
      if (t == null) {
        return INVALID;
      }
      URI uri;
      try {
        uri = new URI(t.strip());
      } catch (java.net.URISyntaxException e) {
        problem(node.mark(), path, "'" + t + "' is not a URL");
        return INVALID;
      }
      String scheme =
          uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        problem(
            node.mark(),
            path,
            "'" + t + "' is not an http(s) URL such as https://zabbix.example.net/api_jsonrpc.php");
        return INVALID;
      }
      if (uri.getRawUserInfo() != null) {
        // never repeat the URL: it holds a credential
        problem(
            node.mark(),
            path,
            "the URL must not contain a user or password; use 'token' or 'username'/'password'");
        return INVALID;
      }
      return uri;
    }

    private Object tag(Node node, String path) {
      String t = text(node, path);
      if (t == null) {
        return INVALID;
      }
      int eq = t.indexOf('=');
      if (eq <= 0 || t.substring(0, eq).isBlank()) {
        problem(node.mark(), path, "'" + t + "' is not NAME=VALUE; write e.g. TempType=LINE");
        return INVALID;
      }
      return new String[] {t.substring(0, eq).strip(), t.substring(eq + 1).strip()};
    }

    private Object endpoint(Node node, String path) {
      return parsed(node, path, ZabbixEndpoint::parse);
    }

    /** A scalar read by {@code parser}, whose IllegalArgumentException becomes the problem. */
    private Object parsed(Node node, String path, java.util.function.Function<String, ?> parser) {
      String t = text(node, path);
      if (t == null) {
        return INVALID;
      }
      try {
        return parser.apply(t);
      } catch (IllegalArgumentException e) {
        problem(node.mark(), path, e.getMessage());
        return INVALID;
      }
    }

    private Object zabbixHost(Node node, String path) {
      String t = text(node, path);
      if (t == null) {
        return INVALID;
      }
      if (!ZABBIX_HOST.matcher(t.strip()).matches()) {
        problem(
            node.mark(),
            path,
            "'" + t + "' is not a Zabbix host name (letters, digits, space, _ . -; up to 128)");
        return INVALID;
      }
      return t.strip();
    }

    // ---------------------------------------------------------------- field values

    /** Parses one field; returns the value, {@link #UNSET} for an explicit null, or INVALID. */
    private Object value(String kind, String name, Node node, String path) {
      if (node instanceof Scalar s && s.isBroken()) {
        return INVALID;
      }
      if (isNull(node)) {
        return switch (name) {
          case "id", "host", "platform", "username", "router", "target" -> {
            problem(node.mark(), path, "'" + name + "' must not be empty");
            yield INVALID;
          }
          default -> UNSET;
        };
      }
      return switch (kind + "." + name) {
        case "device.id", "line.id", "line.router" -> id(node, path);
        case "device.host" -> host(node, path);
        case "device.port" -> integer(node, path, 1, 65535);
        case "device.platform" -> platform(node, path);
        case "device.protocol" -> protocol(node, path);
        case "device.username" -> nonBlank(node, path);
        case "device.password", "device.enable_secret" -> secret(node, path);
        case "device.private_key" -> privateKey(node, path);
        case "device.max_sessions" -> integer(node, path, 0, 10_000);
        case "device.host_key" -> hostKey(node, path);
        case "device.tags", "line.tags" -> tags(node, path);
        case "line.target" -> target(node, path);
        case "line.source" -> pingField(node, path, "source");
        case "line.vrf" -> pingField(node, path, "vrf");
        case "line.repeat" -> integer(node, path, 1, 10_000);
        case "line.timeout" -> duration(node, path, Duration.ofMillis(1), MAX_TIMEOUT);
        case "line.size" -> integer(node, path, 0, 65_000);
        case "line.interval" -> duration(node, path, MIN_INTERVAL, null);
        case "line.zabbix_host" -> zabbixHost(node, path);
        default -> throw new IllegalStateException("no parser for " + kind + "." + name);
      };
    }

    /** Any scalar's text (YAML types plain {@code off} or {@code 100} otherwise); else INVALID. */
    private String text(Node node, String path) {
      if (node instanceof Scalar s) {
        return s.text();
      }
      problem(node.mark(), path, "expected a single value, got " + node.kind());
      return null;
    }

    private Object nonBlank(Node node, String path) {
      String t = text(node, path);
      if (t == null) {
        return INVALID;
      }
      if (t.isBlank()) {
        problem(node.mark(), path, "must not be blank");
        return INVALID;
      }
      return t.trim();
    }

    private Object id(Node node, String path) {
      String t = text(node, path);
      if (t == null) {
        return INVALID;
      }
      if (!ID.matcher(t).matches()) {
        problem(
            node.mark(),
            path,
            "'" + t + "' is not a valid id (1..128 characters: letters, digits and _ . : / @ + -)");
        return INVALID;
      }
      return t;
    }

    private Object host(Node node, String path) {
      String t = text(node, path);
      if (t == null) {
        return INVALID;
      }
      if (!HOST.matcher(t).matches()) {
        problem(node.mark(), path, "'" + t + "' is not a host name or IP address");
        return INVALID;
      }
      return t;
    }

    private Object integer(Node node, String path, long min, long max) {
      if (!(node instanceof Scalar s) || s.token() != JsonToken.VALUE_NUMBER_INT) {
        String shown = node instanceof Scalar s2 ? " '" + s2.text() + "'" : "";
        problem(node.mark(), path, "expected an integer, got " + node.kind() + shown);
        return INVALID;
      }
      long n;
      try {
        n = Long.parseLong(s.text().replace("_", "").replace("+", ""));
      } catch (NumberFormatException e) {
        problem(node.mark(), path, "'" + s.text() + "' is not a decimal integer");
        return INVALID;
      }
      if (n < min || n > max) {
        problem(node.mark(), path, "must be " + min + ".." + max + ", was " + n);
        return INVALID;
      }
      return (int) n;
    }

    private Object duration(Node node, String path, Duration min, Duration max) {
      String field = path.substring(path.lastIndexOf('.') + 1);
      if (node instanceof Scalar s
          && (s.token() == JsonToken.VALUE_NUMBER_INT
              || s.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
        if (s.text().trim().startsWith("-") || s.text().trim().matches("[+]?0+(\\.0*)?")) {
          problem(
              node.mark(),
              path,
              field
                  + " must be greater than 0 (at least "
                  + Durations.format(min)
                  + "), was "
                  + s.text());
        } else {
          problem(
              node.mark(),
              path,
              "'"
                  + s.text()
                  + "' has no unit; write e.g. '"
                  + s.text()
                  + "s' (units: ms, s, m, h, d)");
        }
        return INVALID;
      }
      String t = text(node, path);
      if (t == null) {
        return INVALID;
      }
      Duration d;
      try {
        d = Durations.parse(t);
      } catch (IllegalArgumentException e) {
        problem(node.mark(), path, e.getMessage());
        return INVALID;
      }
      if (d.compareTo(min) < 0) {
        problem(
            node.mark(),
            path,
            d.isZero()
                ? field + " must be greater than 0 (at least " + Durations.format(min) + ")"
                : field + " must be at least " + Durations.format(min) + ", was '" + t + "'");
        return INVALID;
      }
      if (max != null && d.compareTo(max) > 0) {
        problem(
            node.mark(),
            path,
            field + " must be at most " + Durations.format(max) + ", was '" + t + "'");
        return INVALID;
      }
      return d;
    }

    private Object platform(Node node, String path) {
      String t = text(node, path);
      if (t == null) {
        return INVALID;
      }
      try {
        return PingPlatform.of(t);
      } catch (IllegalArgumentException e) {
        List<String> ids = Arrays.stream(PingPlatform.values()).map(PingPlatform::id).toList();
        problem(
            node.mark(),
            path,
            "unknown platform '"
                + t
                + "'"
                + Suggest.didYouMean(t, ids)
                + " (known: "
                + String.join(", ", ids)
                + ")");
        return INVALID;
      }
    }

    private Object protocol(Node node, String path) {
      String t = text(node, path);
      if (t == null) {
        return INVALID;
      }
      try {
        return Protocol.of(t);
      } catch (IllegalArgumentException e) {
        problem(
            node.mark(),
            path,
            "unknown protocol '"
                + t
                + "'"
                + Suggest.didYouMean(t, PROTOCOL_NAMES)
                + " (use ssh, cli or its alias scrapli)");
        return INVALID;
      }
    }

    private Object hostKey(Node node, String path) {
      return parsed(node, path, HostKeyPolicy::parse);
    }

    private Object target(Node node, String path) {
      String t = text(node, path);
      if (t == null) {
        return INVALID;
      }
      try {
        PingRequest.to(t.trim());
        return t.trim();
      } catch (IllegalArgumentException e) {
        problem(node.mark(), path, "'" + t + "' is not an IPv4 or IPv6 address");
        return INVALID;
      }
    }

    /** source and vrf: checked by the ping request itself (they end up on a command line). */
    private Object pingField(Node node, String path, String which) {
      String t = text(node, path);
      if (t == null) {
        return INVALID;
      }
      String v = t.trim();
      try {
        new PingRequest(
            "127.0.0.1",
            1,
            Duration.ofSeconds(1),
            which.equals("source") ? v : null,
            which.equals("vrf") ? v : null,
            null);
        return v;
      } catch (IllegalArgumentException e) {
        problem(
            node.mark(),
            path,
            which.equals("source")
                ? "'" + t + "' is not an interface name or IP address"
                : "'" + t + "' is not a valid VRF name (letters, digits and _ . : / -, up to 64)");
        return INVALID;
      }
    }

    private Object tags(Node node, String path) {
      Map<String, String> tags = new LinkedHashMap<>();
      if (node instanceof SeqNode seq) {
        for (int i = 0; i < seq.items().size(); i++) {
          Node item = seq.items().get(i);
          String t = text(item, path + "[" + i + "]");
          if (t == null) {
            return INVALID;
          }
          tags.put(t, "");
        }
        return tags;
      }
      if (node instanceof MapNode m) {
        for (Entry e : m.entries().values()) {
          String t = isNull(e.value()) ? "" : text(e.value(), path + "." + e.key());
          if (t == null) {
            return INVALID;
          }
          tags.put(e.key(), t);
        }
        return tags;
      }
      problem(
          node.mark(),
          path,
          "expected a list of tags or a mapping of tag: value, got " + node.kind());
      return INVALID;
    }

    private Object secret(Node node, String path) {
      if (!(node instanceof MapNode m)) {
        problem(
            node.mark(),
            path,
            "expected a reference {env: VAR}, {file: PATH} or {value: ...}, got "
                + node.kind()
                + " (a plain string is not accepted, so that no secret is written into the"
                + " file by accident)");
        return INVALID;
      }
      checkKeys(m, SECRET_KEYS, path);
      List<Entry> refs =
          m.entries().values().stream().filter(e -> SECRET_KEYS.contains(e.key())).toList();
      if (refs.size() != 1) {
        if (m.entries().size() == refs.size()) {
          problem(node.mark(), path, "needs exactly one of env, file or value");
        }
        return INVALID;
      }
      Entry ref = refs.getFirst();
      String sub = path + "." + ref.key();
      String t = isNull(ref.value()) ? null : text(ref.value(), sub);
      if (t == null) {
        if (isNull(ref.value())) {
          problem(ref.value().mark(), sub, "must not be empty");
        }
        return INVALID;
      }
      Mark at = ref.value().mark();
      switch (ref.key()) {
        case "env" -> {
          if (!ENV_NAME.matcher(t).matches()) {
            problem(at, sub, "'" + t + "' is not an environment variable name");
            return INVALID;
          }
          String value = environment.apply(t);
          if (value == null) {
            problem(at, sub, "environment variable " + t + " is not set");
            return INVALID;
          }
          return SecretRef.env(t, value);
        }
        case "file" -> {
          Path p = baseDir.resolve(t);
          try {
            return SecretRef.file(p, firstLine(p));
          } catch (IOException e) {
            // names the file, never its content
            problem(at, sub, "cannot read secret file " + p + ": " + e.getClass().getSimpleName());
            return INVALID;
          }
        }
        default -> {
          return SecretRef.literal(t);
        }
      }
    }

    private Object privateKey(Node node, String path) {
      String t = text(node, path);
      if (t == null) {
        return INVALID;
      }
      Path p = baseDir.resolve(t.trim()).normalize();
      if (!Files.isReadable(p)) {
        problem(node.mark(), path, "private key file " + p + " does not exist or is not readable");
        return INVALID;
      }
      return p;
    }

    // ---------------------------------------------------------------- helpers

    private void checkKeys(MapNode m, List<String> known, String path) {
      for (Entry e : m.entries().values()) {
        if (!known.contains(e.key())) {
          String where = path.isEmpty() ? "at the top level" : "in " + path;
          String hint = Suggest.didYouMean(e.key(), known);
          problem(
              e.keyMark(),
              path.isEmpty() ? e.key() : path + "." + e.key(),
              "unknown key '"
                  + e.key()
                  + "' "
                  + where
                  + (hint.isEmpty() ? " (known: " + String.join(", ", known) + ")" : hint));
        }
      }
    }

    private static boolean isNull(Node n) {
      return n instanceof Scalar s && s.isNull();
    }

    private void problem(Mark m, String field, String message) {
      problems.add(new Problem(fileName, m.line(), m.column(), field, message));
    }

    private void warn(Mark m, String field, String message) {
      warnings.add(new Problem(fileName, m.line(), m.column(), field, message));
    }
  }

  private static String firstLine(Path p) throws IOException {
    String text = Files.readString(p, StandardCharsets.UTF_8);
    int newline = text.indexOf('\n');
    String line = newline < 0 ? text : text.substring(0, newline);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
