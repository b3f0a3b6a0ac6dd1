package io.netpool.monitor.inventory;

import io.netpool.monitor.inventory.YamlTree.Entry;
import io.netpool.monitor.inventory.YamlTree.MapNode;
import io.netpool.monitor.inventory.YamlTree.Mark;
import io.netpool.monitor.inventory.YamlTree.Node;
import io.netpool.monitor.inventory.YamlTree.Scalar;
import io.netpool.monitor.inventory.YamlTree.SeqNode;
import io.netpool.ssh.platform.ProfileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Reads and validates {@code monitor.yml} (format: {@code docs/inventory.md}).
 *
 * <p>Every problem in the file is collected and reported at once in one {@link InventoryException},
 * each with file, line, column and field path. Unknown keys anywhere are errors, with a "did you
 * mean" suggestion when a known key is close. Secret references are resolved when loading (a
 * missing environment variable or unreadable file is an error) so a file that loads is a file the
 * monitor can use.
 *
 * <p>This class walks the document: defaults, devices, lines, unique ids and line → device
 * references. Each field's rules are rows of {@link DeviceFields} and {@link LineFields}; other
 * top-level sections (such as {@code zabbix:}) are read by readers that the caller registers with
 * {@link #section}.
 */
public final class InventoryLoader {
  static final List<String> BUILT_IN_KEYS =
      List.of(
          "platforms_dir",
          AaaGroupsSection.KEY,
          JumpHostFields.KEY,
          "defaults",
          "devices",
          "lines");
  static final List<String> DEFAULTS_KEYS = List.of("device", "line");

  private final UnaryOperator<String> environment;
  private final Map<String, FieldReader<?>> sections;

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
    this(environment, Map.of());
  }

  private InventoryLoader(UnaryOperator<String> environment, Map<String, FieldReader<?>> sections) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.sections = sections;
  }

  /**
   * This loader, also reading the top-level section {@code key} with {@code reader} (called for a
   * non-empty value; it returns null when it reported a problem). The result is in {@link
   * MonitorFile#section}. A top-level key that is not registered is an unknown key.
   */
  public <T> InventoryLoader section(String key, FieldReader<T> reader) {
    if (BUILT_IN_KEYS.contains(key) || sections.containsKey(key)) {
      throw new IllegalArgumentException("section '" + key + "' is already read");
    }
    Map<String, FieldReader<?>> more = new LinkedHashMap<>(sections);
    more.put(key, Objects.requireNonNull(reader, "reader"));
    return new InventoryLoader(environment, more);
  }

  /** A section value that provides lines of its own (then a file without lines is no warning). */
  public interface LineSource {
    /** True when lines come from elsewhere too. */
    boolean suppliesLines();
  }

  /**
   * Everything {@code monitor.yml} defines: the inventory of its own devices and lines, and the
   * values of the registered sections.
   *
   * @param inventory the file's devices and lines
   * @param sections the registered sections that the file has, by key
   */
  public record MonitorFile(Inventory inventory, Map<String, Object> sections) {
    public MonitorFile {
      sections = Map.copyOf(sections);
    }

    /** The section {@code key}, or null when the file has none. */
    public <T> T section(String key, Class<T> type) {
      return type.cast(sections.get(key));
    }
  }

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

  /** {@link #read} with the file's registered sections. */
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

  /** {@link #parse} with the file's registered sections. */
  public MonitorFile parseMonitorFile(Path file, byte[] content) throws InventoryException {
    return new Run(file, content).run();
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
    private final byte[] content;
    private final Problems problems;
    private final ReadContext ctx;
    private final Map<String, Object> sectionValues = new LinkedHashMap<>();
    private final Map<String, io.netpool.ssh.LoginLimits> aaaGroups = new LinkedHashMap<>();
    private Values deviceDefaults = Values.none();
    private Values lineDefaults = Values.none();

    Run(Path file, byte[] content) {
      this.file = file;
      this.content = content;
      this.problems = new Problems(file.toString());
      Path parent = file.toAbsolutePath().getParent();
      this.ctx = new ReadContext(problems, parent == null ? Path.of("") : parent, environment);
    }

    MonitorFile run() throws InventoryException {
      Node root = YamlTree.parse(file.toString(), content, problems.sink());
      List<DeviceSpec> devices = new ArrayList<>();
      List<LineSpec> lines = new ArrayList<>();
      if (root != null) {
        if (root instanceof MapNode top) {
          readTop(top, devices, lines);
        } else if (root instanceof Scalar s && s.isNull()) {
          problems.error(root.mark(), "", "the file is empty (no YAML document)");
        } else {
          problems.error(
              root.mark(),
              "",
              "the top level must be a mapping with 'devices', 'lines' and optionally 'defaults',"
                  + " not "
                  + root.kind());
        }
      }
      if (problems.errorCount() > 0) {
        throw new InventoryException(problems.errors());
      }
      Inventory inventory =
          new Inventory(file, sha256(content), devices, lines, problems.warnings(), aaaGroups);
      return new MonitorFile(inventory, sectionValues);
    }

    /**
     * {@code platforms_dir}: a folder of platform profiles (relative to this file's folder) added
     * to the process registry for this file's devices; its broken profiles are this file's errors.
     */
    private void readPlatformsDir(MapNode top) {
      Entry e = top.entries().get("platforms_dir");
      if (e == null || Fields.isNull(e.value())) {
        return;
      }
      String text = Fields.text(e.value(), "platforms_dir", ctx);
      if (text == null) {
        return;
      }
      Path dir = ctx.baseDir().resolve(text);
      if (!Files.isDirectory(dir)) {
        ctx.problem(e.value().mark(), "platforms_dir", "not a folder: " + dir);
        return;
      }
      try {
        ctx.usePlatforms(ctx.platforms().plusDirectory(dir));
      } catch (ProfileException ex) {
        for (ProfileException.Problem p : ex.problems()) {
          ctx.problem(e.value().mark(), "platforms_dir", "broken platform profile: " + p);
        }
      } catch (IOException | RuntimeException ex) {
        ctx.problem(
            e.value().mark(), "platforms_dir", "cannot read " + dir + ": " + ex.getMessage());
      }
    }

    private void readTop(MapNode top, List<DeviceSpec> devices, List<LineSpec> lines) {
      List<String> topKeys =
          Stream.concat(BUILT_IN_KEYS.stream(), sections.keySet().stream()).toList();
      Fields.unknownKeys(top, topKeys, "", ctx);
      readPlatformsDir(top);
      sections.forEach(
          (key, reader) -> {
            Entry e = top.entries().get(key);
            if (e != null
                && !Fields.isNull(e.value())
                && !(e.value() instanceof Scalar s && s.isBroken())) {
              Object value = reader.read(e.value(), key, ctx);
              if (value != null) {
                sectionValues.put(key, value);
              }
            }
          });
      Entry groups = top.entries().get(AaaGroupsSection.KEY);
      if (groups != null && !Fields.isNull(groups.value())) {
        aaaGroups.putAll(AaaGroupsSection.read(groups.value(), ctx));
        // every name the file defines, also one whose limits are invalid (reported once, there)
        if (groups.value() instanceof YamlTree.MapNode m) {
          ctx.useAaaGroups(m.entries().keySet());
        }
      }
      Entry jumpHosts = top.entries().get(JumpHostFields.KEY);
      if (jumpHosts != null && !Fields.isNull(jumpHosts.value())) {
        ctx.useJumpHosts(JumpHostFields.read(jumpHosts.value(), ctx));
      }
      Entry defaults = top.entries().get("defaults");
      if (defaults != null && !Fields.isNull(defaults.value())) {
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
          warnings(item, l, probeKeys);
        }
      }
      boolean linesElsewhere =
          sectionValues.values().stream()
              .anyMatch(v -> v instanceof LineSource s && s.suppliesLines());
      if (lines.isEmpty() && problems.errorCount() == 0 && !linesElsewhere) {
        problems.warn(top.mark(), "lines", "no lines: nothing will be monitored");
      }
    }

    private void warnings(Item item, LineSpec l, Map<String, LineSpec> probeKeys) {
      if (!l.probes().runs(ProbeSelection.PING)) {
        return; // the rules below are about the ping command
      }
      LineSpec same = probeKeys.putIfAbsent(l.router() + "|" + l.vrf() + "|" + l.target(), l);
      if (same != null) {
        problems.warn(
            item.node.mark(),
            item.path,
            "pings the same target "
                + l.target()
                + " from the same router and VRF as line '"
                + same.id()
                + "'");
      }
      if (l.worstCase().compareTo(l.interval()) >= 0) {
        problems.warn(
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

    /** A list item under devices or lines, with its path such as {@code lines[2]}. */
    private record Item(MapNode node, String path) {}

    private List<Item> items(MapNode top, String key) {
      Entry e = top.entries().get(key);
      if (e == null || Fields.isNull(e.value())) {
        return List.of();
      }
      if (!(e.value() instanceof SeqNode seq)) {
        problems.error(
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
          problems.error(n.mark(), path, "expected a mapping (id: ..., ...), got " + n.kind());
        }
      }
      return items;
    }

    private void readDefaults(Node node) {
      if (!(node instanceof MapNode m)) {
        problems.error(node.mark(), "defaults", "expected a mapping with 'device' and/or 'line'");
        return;
      }
      Fields.unknownKeys(m, DEFAULTS_KEYS, "defaults", ctx);
      deviceDefaults = readDefaultSection(m, "device", DeviceFields.SECTION);
      AccessFields.checkDefaults(deviceDefaults, m, ctx);
      lineDefaults = readDefaultSection(m, "line", LineFields.SECTION);
    }

    private Values readDefaultSection(MapNode defaults, String kind, Section section) {
      Entry e = defaults.entries().get(kind);
      if (e == null || Fields.isNull(e.value())) {
        return Values.none();
      }
      String path = "defaults." + kind;
      if (!(e.value() instanceof MapNode m)) {
        problems.error(e.value().mark(), path, "expected a mapping of " + kind + " fields");
        return Values.none();
      }
      return section.readDefaults(m, path, kind, ctx);
    }

    /** Reports a second device or line with the same id, pointing at the first one. */
    private boolean uniqueId(Item item, String kind, String id, Map<String, Mark> idMarks) {
      if (id == null) {
        return true;
      }
      Mark idMark = item.node.entries().get("id").value().mark();
      Mark first = idMarks.putIfAbsent(id, idMark);
      if (first == null) {
        return true;
      }
      problems.error(
          idMark,
          item.path + ".id",
          "duplicate " + kind + " id '" + id + "' (first at line " + first.line() + ")");
      return false;
    }

    private DeviceSpec readDevice(Item item, Map<String, Mark> idMarks) {
      Values v = DeviceFields.SECTION.read(item.node, item.path, deviceDefaults, ctx);
      boolean ok = v.ok();
      if (!v.isSet(DeviceFields.PASSWORD) && !v.isSet(DeviceFields.PRIVATE_KEY)) {
        problems.error(
            item.node.mark(),
            item.path,
            "missing 'password' (or 'private_key'): write password: {env: VAR}, {file: PATH} or"
                + " {value: ...}");
        ok = false;
      }
      ok &= AccessFields.check(v, item.node, item.path, ctx);
      ok &=
          uniqueId(item, "device", v.has(DeviceFields.ID) ? v.get(DeviceFields.ID) : null, idMarks);
      return ok ? DeviceFields.build(v) : null;
    }

    private LineSpec readLine(
        Item item,
        Map<String, Mark> idMarks,
        Set<String> deviceIds,
        Map<String, DeviceSpec> validDevices) {
      Values v = LineFields.SECTION.read(item.node, item.path, lineDefaults, ctx);
      boolean ok = v.ok();
      ok &= uniqueId(item, "line", v.has(LineFields.ID) ? v.get(LineFields.ID) : null, idMarks);
      String router = v.has(LineFields.ROUTER) ? v.get(LineFields.ROUTER) : null;
      if (router != null && !deviceIds.contains(router)) {
        Entry own = item.node.entries().get("router");
        Mark m = own != null ? own.value().mark() : item.node.mark();
        problems.error(
            m,
            item.path + ".router",
            "no device '" + router + "' in devices" + Suggest.didYouMean(router, deviceIds));
        ok = false;
      } else if (router != null && !validDevices.containsKey(router)) {
        ok = false; // the device itself is invalid and has been reported
      } else if (router != null) {
        ok &= ProbeFields.check(v, validDevices.get(router), item.node, item.path, ctx);
      }
      return ok ? LineFields.build(v) : null;
    }
  }
}
