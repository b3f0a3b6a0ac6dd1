package io.netpool.ssh.platform;

import io.netpool.ssh.platform.YamlTree.Entry;
import io.netpool.ssh.platform.YamlTree.Mapping;
import io.netpool.ssh.platform.YamlTree.Node;
import io.netpool.ssh.platform.YamlTree.Scalar;
import io.netpool.ssh.platform.YamlTree.Sequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one profile file into a {@link PlatformProfile}, strictly: unknown keys, missing required
 * fields, wrong types, invalid regexes and unknown ping syntaxes fail with a {@link
 * ProfileException} that names the file, line, column and field.
 */
final class ProfileReader {
  static final List<String> PROFILE_KEYS =
      List.of(
          "name",
          "aliases",
          "description",
          "privilege_levels",
          "default_level",
          "on_open",
          "failed_when_contains",
          "health_command",
          "paging_pattern",
          "ping",
          "ssh",
          "probes");
  static final List<String> LEVEL_KEYS =
      List.of(
          "name",
          "pattern",
          "not_contains",
          "previous",
          "escalate",
          "super",
          "super_accepted",
          "escalate_prompt",
          "escalate_auth",
          "deescalate");
  static final List<String> PING_KEYS =
      List.of(
          "syntax",
          "count_word",
          "timeout_word",
          "timeout_unit",
          "size_word",
          "source_address_word",
          "source_interface_word",
          "vrf_word",
          "ipv6_word",
          "icmp_errors_word");

  static final List<String> SSH_KEYS = List.of("algorithms");
  static final List<String> PROBE_KEYS = List.of("command", "format");

  /** Platform names and aliases: used in inventories, file names and command lines. */
  static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}$");

  /** A place in the file (1-based). */
  record Pos(int line, int column) {}

  /**
   * A profile with where it came from and where its name and aliases are written, for the checks
   * across files.
   */
  record Located(PlatformProfile profile, String file, Pos namePos, List<Pos> aliasPos) {}

  private final String file;

  private ProfileReader(String file) {
    this.file = file;
  }

  /**
   * Reads a profile.
   *
   * @param yaml the file's text
   * @param file the file's name as it should appear in errors (path or resource name)
   * @param expectedName the name the file name implies (its stem), or null to accept any
   * @param requirePing true for shipped profiles, which must say how to ping
   */
  static Located read(String yaml, String file, String expectedName, boolean requirePing)
      throws ProfileException {
    return new ProfileReader(file).read(yaml, expectedName, requirePing);
  }

  private Located read(String yaml, String expectedName, boolean requirePing)
      throws ProfileException {
    Node root;
    try {
      root = YamlTree.parse(yaml);
    } catch (YamlTree.SyntaxError e) {
      throw new ProfileException(
          new ProfileException.Problem(file, e.line(), e.column(), null, e.getMessage()));
    }
    if (root == null) {
      throw problem(
          1, 1, null, "the file is empty; a profile needs at least name and privilege_levels");
    }
    if (!(root instanceof Mapping m)) {
      throw problem(
          root.line(),
          root.column(),
          null,
          "a profile is a mapping of keys (name, privilege_levels, ...), got " + root.kind());
    }
    checkKeys(m, "", PROFILE_KEYS);

    Entry nameEntry = required(m, "", "name");
    String name = name(nameEntry, "name");
    if (expectedName != null && !expectedName.equalsIgnoreCase(name)) {
      throw problem(
          nameEntry,
          "name",
          "'"
              + name
              + "' does not match the file name; a profile file is named <name>.yaml ("
              + expectedName
              + ".yaml holds name: "
              + expectedName
              + ")");
    }

    List<String> aliases = new ArrayList<>();
    List<Pos> aliasPos = new ArrayList<>();
    Entry aliasEntry = m.entries().get("aliases");
    if (aliasEntry != null && !isNull(aliasEntry)) {
      Sequence seq = sequence(aliasEntry, "aliases");
      Map<String, Integer> seen = new HashMap<>();
      seen.put(name.toLowerCase(Locale.ROOT), -1);
      for (int i = 0; i < seq.items().size(); i++) {
        Node item = seq.items().get(i);
        String path = "aliases[" + i + "]";
        String alias = checkName(item, path, scalarText(item, path));
        Integer before = seen.putIfAbsent(alias.toLowerCase(Locale.ROOT), i);
        if (before != null) {
          throw problem(
              item.line(),
              item.column(),
              path,
              "'"
                  + alias
                  + "' "
                  + (before < 0
                      ? "is the profile's own name"
                      : "is already aliases[" + before + "]")
                  + " (names and aliases are case-insensitive)");
        }
        aliases.add(alias);
        aliasPos.add(new Pos(item.line(), item.column()));
      }
    }

    String description = optionalString(m, "", "description");
    List<PrivilegeLevel> levels = levels(m, required(m, "", "privilege_levels"));
    Entry defaultEntry = m.entries().get("default_level");
    String defaultLevel = optionalString(m, "", "default_level");
    if (defaultLevel != null && levels.stream().noneMatch(l -> l.name().equals(defaultLevel))) {
      throw problem(
          defaultEntry,
          "default_level",
          "'" + defaultLevel + "' is not one of the privilege levels " + levelNames(levels));
    }
    List<String> onOpen = optionalStrings(m, "", "on_open");
    List<String> failed = optionalStrings(m, "", "failed_when_contains");
    String healthCommand = optionalString(m, "", "health_command");
    Pattern paging = optionalRegex(m, "", "paging_pattern");

    PingSpec ping = null;
    Entry pingEntry = m.entries().get("ping");
    if (pingEntry != null && !isNull(pingEntry)) {
      ping = ping(pingEntry);
    } else if (requirePing) {
      throw problem(
          m.line(),
          m.column(),
          "ping",
          "missing (required for shipped profiles): ping: {syntax: one of "
              + PingSyntax.yamlNames()
              + "}");
    }
    try {
      PlatformProfile profile =
          new PlatformProfile(
              name,
              aliases,
              description,
              levels,
              defaultLevel,
              onOpen,
              failed,
              healthCommand,
              paging,
              ping,
              sshAlgorithms(m),
              probes(m));
      return new Located(profile, file, new Pos(nameEntry.line(), nameEntry.column()), aliasPos);
    } catch (IllegalArgumentException e) {
      throw problem(m.line(), m.column(), null, e.getMessage());
    }
  }

  private List<PrivilegeLevel> levels(Mapping root, Entry entry) throws ProfileException {
    Sequence seq = sequence(entry, "privilege_levels");
    if (seq.items().isEmpty()) {
      throw problem(entry, "privilege_levels", "empty; a profile needs at least one level");
    }
    List<PrivilegeLevel> levels = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    List<Entry> previousEntries = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      Node item = seq.items().get(i);
      String path = "privilege_levels[" + i + "]";
      if (!(item instanceof Mapping lm)) {
        throw problem(
            item.line(),
            item.column(),
            path,
            "expected a mapping (name, pattern, ...), got " + item.kind());
      }
      checkKeys(lm, path, LEVEL_KEYS);
      Entry nameEntry = required(lm, path, "name");
      String name = string(nameEntry, path + ".name");
      Integer before = index.putIfAbsent(name, i);
      if (before != null) {
        throw problem(
            nameEntry,
            path + ".name",
            "level '" + name + "' is already defined by privilege_levels[" + before + "]");
      }
      Pattern pattern = regex(required(lm, path, "pattern"), path + ".pattern");
      Entry auth = lm.entries().get("escalate_auth");
      Entry raise = lm.entries().get("super");
      Entry raiseAccepted = lm.entries().get("super_accepted");
      if ((raise == null) != (raiseAccepted == null)) {
        Entry given = raise != null ? raise : raiseAccepted;
        throw problem(
            given,
            path + (raise != null ? ".super" : ".super_accepted"),
            "super and super_accepted go together (the command and the regex of its success)");
      }
      levels.add(
          new PrivilegeLevel(
              name,
              pattern,
              optionalStrings(lm, path, "not_contains"),
              optionalString(lm, path, "previous"),
              optionalString(lm, path, "escalate"),
              optionalRegex(lm, path, "escalate_prompt"),
              auth != null && !isNull(auth) && bool(auth, path + ".escalate_auth"),
              optionalString(lm, path, "deescalate"),
              optionalString(lm, path, "super"),
              optionalRegex(lm, path, "super_accepted")));
      previousEntries.add(lm.entries().get("previous"));
    }
    for (int i = 0; i < levels.size(); i++) {
      String previous = levels.get(i).previous();
      if (previous != null && !index.containsKey(previous)) {
        throw problem(
            previousEntries.get(i),
            "privilege_levels[" + i + "].previous",
            "'" + previous + "' is not one of the privilege levels " + levelNames(levels));
      }
    }
    return levels;
  }

  private PingSpec ping(Entry entry) throws ProfileException {
    if (!(entry.value() instanceof Mapping pm)) {
      throw problem(
          entry,
          "ping",
          "expected a mapping (syntax: one of "
              + PingSyntax.yamlNames()
              + ", ...), got "
              + entry.value().kind());
    }
    checkKeys(pm, "ping", PING_KEYS);
    Entry syntaxEntry = required(pm, "ping", "syntax");
    String syntaxName = string(syntaxEntry, "ping.syntax");
    PingSyntax syntax =
        PingSyntax.fromYamlName(syntaxName)
            .orElseThrow(
                () ->
                    problem(
                        syntaxEntry,
                        "ping.syntax",
                        "unknown syntax '" + syntaxName + "'; known: " + PingSyntax.yamlNames()));
    PingSpec d = syntax.defaults();
    PingSpec.TimeoutUnit unit = d.timeoutUnit();
    Entry unitEntry = pm.entries().get("timeout_unit");
    if (unitEntry != null && !isNull(unitEntry)) {
      String u = string(unitEntry, "ping.timeout_unit");
      unit =
          PingSpec.TimeoutUnit.fromYamlName(u)
              .orElseThrow(
                  () ->
                      problem(
                          unitEntry,
                          "ping.timeout_unit",
                          "unknown unit '" + u + "'; known: s (seconds), ms (milliseconds)"));
    }
    return new PingSpec(
        syntax,
        word(pm, "count_word", d.countWord()),
        word(pm, "timeout_word", d.timeoutWord()),
        unit,
        word(pm, "size_word", d.sizeWord()),
        word(pm, "source_address_word", d.sourceAddressWord()),
        word(pm, "source_interface_word", d.sourceInterfaceWord()),
        word(pm, "vrf_word", d.vrfWord()),
        word(pm, "ipv6_word", d.ipv6Word()),
        optionalWord(pm, "icmp_errors_word", d.icmpErrorsWord()));
  }

  /** As {@link #word}, but {@code none} switches the word off (null). */
  private String optionalWord(Mapping pm, String key, String dflt) throws ProfileException {
    Entry e = pm.entries().get(key);
    if (e != null && !isNull(e) && NONE.equals(string(e, "ping." + key))) {
      return null;
    }
    return word(pm, key, dflt);
  }

  /** The value that switches an optional ping word off. */
  static final String NONE = "none";

  private String word(Mapping pm, String key, String dflt) throws ProfileException {
    Entry e = pm.entries().get(key);
    if (e == null || isNull(e)) {
      return dflt;
    }
    String word = string(e, "ping." + key);
    String problem = PingSpec.wordProblem(word);
    if (problem != null) {
      throw problem(e, "ping." + key, problem);
    }
    return word;
  }

  // ---- typed access ----

  /** The {@code ssh: algorithms:} block, or the defaults without one. */
  private AlgorithmPolicy sshAlgorithms(Mapping root) throws ProfileException {
    Entry ssh = root.entries().get("ssh");
    if (ssh == null || isNull(ssh)) {
      return AlgorithmPolicy.DEFAULTS;
    }
    if (!(ssh.value() instanceof Mapping sm)) {
      throw problem(ssh, "ssh", "expected a mapping (algorithms: ...), got " + ssh.value().kind());
    }
    checkKeys(sm, "ssh", SSH_KEYS);
    Entry algorithms = sm.entries().get("algorithms");
    if (algorithms == null || isNull(algorithms)) {
      return AlgorithmPolicy.DEFAULTS;
    }
    if (!(algorithms.value() instanceof Mapping am)) {
      throw problem(
          algorithms,
          "ssh.algorithms",
          "expected a mapping (kex, ciphers, macs, host_key), got " + algorithms.value().kind());
    }
    List<String> categories =
        Arrays.stream(AlgorithmCategory.values()).map(AlgorithmCategory::key).toList();
    checkKeys(am, "ssh.algorithms", categories);
    List<AlgorithmList> lists = new ArrayList<>();
    for (Entry e : am.entries().values()) {
      lists.add(algorithmList(e, AlgorithmCategory.ofKey(e.key()), "ssh.algorithms." + e.key()));
    }
    return AlgorithmPolicy.of(lists);
  }

  /** The {@code probes:} block: probe type name -> {command, format}; empty without one. */
  private Map<String, ProbeCommand> probes(Mapping root) throws ProfileException {
    Entry probes = root.entries().get("probes");
    if (probes == null || isNull(probes)) {
      return Map.of();
    }
    if (!(probes.value() instanceof Mapping pm)) {
      throw problem(
          probes,
          "probes",
          "expected a mapping of probe type: {command, format}, got " + probes.value().kind());
    }
    Map<String, ProbeCommand> byType = new java.util.LinkedHashMap<>();
    for (Entry e : pm.entries().values()) {
      String path = "probes." + e.key();
      if (!(e.value() instanceof Mapping cm)) {
        throw problem(e, path, "expected a mapping (command, format), got " + e.value().kind());
      }
      checkKeys(cm, path, PROBE_KEYS);
      Entry command = required(cm, path, "command");
      Entry format = required(cm, path, "format");
      try {
        byType.put(
            e.key(), ProbeCommand.of(string(command, path + ".command"), string(format, path)));
      } catch (IllegalArgumentException bad) {
        throw problem(command, path, bad.getMessage());
      }
    }
    return byType;
  }

  /** {@code [a, b]} (replace), {@code {add: [a]}} or {@code {replace: [a]}}. */
  private AlgorithmList algorithmList(Entry e, AlgorithmCategory category, String path)
      throws ProfileException {
    Entry listEntry = e;
    AlgorithmList.Mode mode = AlgorithmList.Mode.REPLACE;
    String listPath = path;
    if (e.value() instanceof Mapping mm) {
      checkKeys(mm, path, List.of("add", "replace"));
      if (mm.entries().size() != 1) {
        throw problem(e, path, "expected exactly one of add: [...] or replace: [...]");
      }
      listEntry = mm.entries().values().iterator().next();
      mode = listEntry.key().equals("add") ? AlgorithmList.Mode.ADD : AlgorithmList.Mode.REPLACE;
      listPath = join(path, listEntry.key());
    }
    Sequence seq = sequence(listEntry, listPath);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      Node item = seq.items().get(i);
      String n = scalarText(item, listPath + "[" + i + "]");
      if (!category.isKnown(n)) {
        throw problem(
            item.line(),
            item.column(),
            listPath + "[" + i + "]",
            AlgorithmList.unknownMessage(category, List.of(n)));
      }
      names.add(n);
    }
    try {
      return new AlgorithmList(category, mode, names);
    } catch (IllegalArgumentException x) {
      throw problem(listEntry, listPath, x.getMessage());
    }
  }

  private void checkKeys(Mapping m, String path, List<String> allowed) throws ProfileException {
    for (Entry e : m.entries().values()) {
      if (!allowed.contains(e.key())) {
        String hint =
            EditDistance.closest(e.key(), allowed)
                .map(k -> " (did you mean " + k + "?)")
                .orElse("");
        throw problem(
            e,
            join(path, e.key()),
            "unknown key" + hint + "; allowed keys: " + String.join(", ", allowed));
      }
    }
  }

  private Entry required(Mapping m, String path, String key) throws ProfileException {
    Entry e = m.entries().get(key);
    if (e == null) {
      throw problem(m.line(), m.column(), join(path, key), "missing (required)");
    }
    if (isNull(e)) {
      throw problem(e, join(path, key), "empty (required)");
    }
    return e;
  }

  private String string(Entry e, String path) throws ProfileException {
    if (e.value() instanceof Scalar s && !s.isNull()) {
      return s.text();
    }
    throw problem(e, path, "expected a string, got " + e.value().kind());
  }

  private String name(Entry e, String path) throws ProfileException {
    return checkName(e.value(), path, string(e, path));
  }

  private String checkName(Node at, String path, String name) throws ProfileException {
    if (!NAME.matcher(name).matches()) {
      throw problem(
          at.line(),
          at.column(),
          path,
          "'"
              + name
              + "' is not a platform name (letters, digits, _ . -, starting with a letter or"
              + " digit, at most 64 characters)");
    }
    return name;
  }

  private String scalarText(Node n, String path) throws ProfileException {
    if (n instanceof Scalar s && !s.isNull()) {
      return s.text();
    }
    throw problem(n.line(), n.column(), path, "expected a string, got " + n.kind());
  }

  private String optionalString(Mapping m, String path, String key) throws ProfileException {
    Entry e = m.entries().get(key);
    return e == null || isNull(e) ? null : string(e, join(path, key));
  }

  private List<String> optionalStrings(Mapping m, String path, String key) throws ProfileException {
    Entry e = m.entries().get(key);
    if (e == null || isNull(e)) {
      return List.of();
    }
    String p = join(path, key);
    Sequence seq = sequence(e, p);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      out.add(scalarText(seq.items().get(i), p + "[" + i + "]"));
    }
    return out;
  }

  private Sequence sequence(Entry e, String path) throws ProfileException {
    if (e.value() instanceof Sequence s) {
      return s;
    }
    throw problem(e, path, "expected a list, got " + e.value().kind());
  }

  private boolean bool(Entry e, String path) throws ProfileException {
    if (e.value() instanceof Scalar s && s.isBoolean()) {
      return s.token() == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE;
    }
    throw problem(e, path, "expected true or false, got " + e.value().kind());
  }

  private Pattern optionalRegex(Mapping m, String path, String key) throws ProfileException {
    Entry e = m.entries().get(key);
    return e == null || isNull(e) ? null : regex(e, join(path, key));
  }

  private Pattern regex(Entry e, String path) throws ProfileException {
    String regex = string(e, path);
    try {
      return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException x) {
      throw problem(
          e,
          path,
          "invalid regex '"
              + regex
              + "': "
              + x.getDescription()
              + (x.getIndex() >= 0 ? " near index " + x.getIndex() : ""));
    }
  }

  private static boolean isNull(Entry e) {
    return e.value() instanceof Scalar s && s.isNull();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String levelNames(List<PrivilegeLevel> levels) {
    return levels.stream().map(PrivilegeLevel::name).toList().toString();
  }

  private ProfileException problem(Entry at, String field, String message) {
    return problem(at == null ? 1 : at.line(), at == null ? 1 : at.column(), field, message);
  }

  private ProfileException problem(int line, int column, String field, String message) {
    return new ProfileException(new ProfileException.Problem(file, line, column, field, message));
  }
}
