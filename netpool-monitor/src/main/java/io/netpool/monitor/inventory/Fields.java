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
import io.netpool.pool.Protocol;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The field rules of {@code monitor.yml} and of the Zabbix line macros, each stated once: the text
 * rules ({@link #isId}, {@link #isHost}, ...) and the typed {@link FieldReader}s built on them,
 * which report into a {@link Problems} collector with the field's location.
 */
public final class Fields {
  /** The protocol names and aliases accepted. */
  public static final List<String> PROTOCOL_NAMES = List.of("ssh", "cli", "scrapli");

  /** The protocols a device's own entry may name: {@link #PROTOCOL_NAMES} and {@code telnet}. */
  public static final List<String> DEVICE_PROTOCOL_NAMES =
      List.of("ssh", "cli", "scrapli", "telnet");

  /** The keys of a secret reference. */
  public static final List<String> SECRET_KEYS = List.of("env", "file", "value");

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:/@+-]{1,128}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.:%\\[\\]-]{1,253}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  // Zabbix's own rule for technical host names
  private static final Pattern ZABBIX_HOST = Pattern.compile("[A-Za-z0-9 _.-]{1,128}");

  private Fields() {}

  // ---------------------------------------------------------------- text rules

  /** A device or line id: 1..128 of letters, digits and {@code _ . : / @ + -}. */
  public static boolean isId(String text) {
    return ID.matcher(text).matches();
  }

  /** A host name or IP address, including a bracketed IPv6 address ({@code [2001:db8::1]}). */
  public static boolean isHost(String text) {
    return HOST.matcher(text).matches();
  }

  /** A Zabbix technical host name. */
  public static boolean isZabbixHost(String text) {
    return ZABBIX_HOST.matcher(text).matches();
  }

  /** An environment variable name. */
  public static boolean isEnvName(String text) {
    return ENV_NAME.matcher(text).matches();
  }

  /** An IPv4 or IPv6 address a router can ping. */
  public static boolean isAddress(String text) {
    try {
      PingRequest.to(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A ping source (interface name or address) or VRF name that may go on a command line. */
  public static boolean isPingName(String text, boolean source) {
    try {
      new PingRequest(
          "127.0.0.1", 1, Duration.ofSeconds(1), source ? text : null, source ? null : text, null);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The protocol named {@code text} (case-insensitive), or null. */
  public static Protocol protocolOrNull(String text) {
    return PROTOCOL_NAMES.contains(text.toLowerCase(Locale.ROOT)) ? Protocol.of(text) : null;
  }

  /** The first line of a secret file, without its line end. */
  public static String firstLine(Path p) throws IOException {
    String text = Files.readString(p, java.nio.charset.StandardCharsets.UTF_8);
    int newline = text.indexOf('\n');
    String line = newline < 0 ? text : text.substring(0, newline);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  // ---------------------------------------------------------------- readers

  /** Any scalar's text (YAML types plain {@code off} or {@code 100} otherwise), else reported. */
  public static String text(Node node, String path, ReadContext ctx) {
    if (node instanceof Scalar s) {
      return s.text();
    }
    ctx.problem(node.mark(), path, "expected a single value, got " + node.kind());
    return null;
  }

  /** A scalar read by {@code parser}, whose IllegalArgumentException message is the problem. */
  public static <T> FieldReader<T> parsed(Function<String, T> parser) {
    return (node, path, ctx) -> {
      String t = text(node, path, ctx);
      if (t == null) {
        return null;
      }
      try {
        return parser.apply(t);
      } catch (IllegalArgumentException e) {
        ctx.problem(node.mark(), path, e.getMessage());
        return null;
      }
    };
  }

  /** A scalar that must satisfy {@code rule}; else {@code 'TEXT'} + {@code complaint}. */
  private static FieldReader<String> matching(
      java.util.function.Predicate<String> rule, boolean trim, String complaint) {
    return (node, path, ctx) -> {
      String t = text(node, path, ctx);
      if (t == null) {
        return null;
      }
      String v = trim ? t.trim() : t;
      if (!rule.test(v)) {
        ctx.problem(node.mark(), path, "'" + t + "' " + complaint);
        return null;
      }
      return v;
    };
  }

  /** Any text that is not blank, trimmed. */
  public static FieldReader<String> nonBlank() {
    return (node, path, ctx) -> {
      String t = text(node, path, ctx);
      if (t != null && t.isBlank()) {
        ctx.problem(node.mark(), path, "must not be blank");
        return null;
      }
      return t == null ? null : t.trim();
    };
  }

  /** A device or line id ({@link #isId}). */
  public static FieldReader<String> id() {
    return matching(
        Fields::isId,
        false,
        "is not a valid id (1..128 characters: letters, digits and _ . : / @ + -)");
  }

  /** A host name or IP address ({@link #isHost}). */
  public static FieldReader<String> host() {
    return matching(Fields::isHost, false, "is not a host name or IP address");
  }

  /** The line peer: an IPv4 or IPv6 address. */
  public static FieldReader<String> target() {
    return matching(Fields::isAddress, true, "is not an IPv4 or IPv6 address");
  }

  /** A ping source: an interface name or address. */
  public static FieldReader<String> source() {
    return matching(t -> isPingName(t, true), true, "is not an interface name or IP address");
  }

  /** A VRF name. */
  public static FieldReader<String> vrf() {
    return matching(
        t -> isPingName(t, false),
        true,
        "is not a valid VRF name (letters, digits and _ . : / -, up to 64)");
  }

  /** A Zabbix technical host name. */
  public static FieldReader<String> zabbixHost() {
    return matching(
        Fields::isZabbixHost,
        true,
        "is not a Zabbix host name (letters, digits, space, _ . -; up to 128)");
  }

  /** A plain YAML integer in {@code min..max}. */
  public static FieldReader<Integer> integer(long min, long max) {
    return (node, path, ctx) -> {
      if (!(node instanceof Scalar s) || s.token() != JsonToken.VALUE_NUMBER_INT) {
        String shown = node instanceof Scalar s2 ? " '" + s2.text() + "'" : "";
        ctx.problem(node.mark(), path, "expected an integer, got " + node.kind() + shown);
        return null;
      }
      long n;
      try {
        n = Long.parseLong(s.text().replace("_", "").replace("+", ""));
      } catch (NumberFormatException e) {
        ctx.problem(node.mark(), path, "'" + s.text() + "' is not a decimal integer");
        return null;
      }
      if (n < min || n > max) {
        ctx.problem(node.mark(), path, "must be " + min + ".." + max + ", was " + n);
        return null;
      }
      return (int) n;
    };
  }

  /** An integer that is 0 (off) or {@code min..max}. */
  public static FieldReader<Integer> offOrInteger(long min, long max) {
    FieldReader<Integer> range = integer(0, max);
    return (node, path, ctx) -> {
      Integer n = range.read(node, path, ctx);
      if (n != null && n != 0 && n < min) {
        ctx.problem(node.mark(), path, "must be 0 (off) or " + min + ".." + max + ", was " + n);
        return null;
      }
      return n;
    };
  }

  /** A duration with a unit ({@link Durations}), at least {@code min}, at most {@code max}. */
  public static FieldReader<Duration> duration(Duration min, Duration max) {
    return (node, path, ctx) -> {
      String field = path.substring(path.lastIndexOf('.') + 1);
      Mark at = node.mark();
      if (node instanceof Scalar s
          && (s.token() == JsonToken.VALUE_NUMBER_INT
              || s.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
        String t = s.text();
        if (t.trim().startsWith("-") || t.trim().matches("[+]?0+(\\.0*)?")) {
          ctx.problem(
              at,
              path,
              field + " must be greater than 0 (at least " + Durations.format(min) + "), was " + t);
        } else {
          ctx.problem(
              at, path, "'" + t + "' has no unit; write e.g. '" + t + "s' (units: ms, s, m, h, d)");
        }
        return null;
      }
      String t = text(node, path, ctx);
      if (t == null) {
        return null;
      }
      Duration d;
      try {
        d = Durations.parse(t);
      } catch (IllegalArgumentException e) {
        ctx.problem(at, path, e.getMessage());
        return null;
      }
      if (d.compareTo(min) < 0) {
        ctx.problem(
            at,
            path,
            d.isZero()
                ? field + " must be greater than 0 (at least " + Durations.format(min) + ")"
                : field + " must be at least " + Durations.format(min) + ", was '" + t + "'");
        return null;
      }
      if (max != null && d.compareTo(max) > 0) {
        ctx.problem(
            at, path, field + " must be at most " + Durations.format(max) + ", was '" + t + "'");
        return null;
      }
      return d;
    };
  }

  /** A platform id or alias ({@link PlatformField}). */
  public static FieldReader<PingPlatform> platform() {
    return (node, path, ctx) -> {
      String t = text(node, path, ctx);
      if (t == null) {
        return null;
      }
      try {
        return PlatformField.parse(t, ctx.platforms());
      } catch (IllegalArgumentException e) {
        List<String> ids = PlatformField.known(ctx.platforms());
        ctx.problem(
            node.mark(),
            path,
            "unknown platform '"
                + t
                + "'"
                + Suggest.didYouMean(t, ids)
                + " (known: "
                + String.join(", ", ids)
                + ")");
        return null;
      }
    };
  }

  /**
   * {@code ssh}, {@code cli} or its alias {@code scrapli}: a protocol that may be set for many
   * routers at once (defaults, Zabbix discovery). Never {@code telnet}: see {@link
   * #deviceProtocol()}.
   */
  public static FieldReader<Protocol> protocol() {
    return protocol(PROTOCOL_NAMES, "use ssh, cli or its alias scrapli");
  }

  /**
   * A device's own protocol: {@link #protocol()} or {@code telnet}. Telnet sends the password in
   * clear text, so only a device's own entry may choose it ({@code defaults:} may not).
   */
  public static FieldReader<Protocol> deviceProtocol() {
    return protocol(DEVICE_PROTOCOL_NAMES, "use ssh, cli or its alias scrapli, or telnet");
  }

  private static FieldReader<Protocol> protocol(List<String> names, String hint) {
    return (node, path, ctx) -> {
      String t = text(node, path, ctx);
      if (t == null) {
        return null;
      }
      if (names.contains(t.strip().toLowerCase(Locale.ROOT))) {
        return Protocol.of(t);
      }
      ctx.problem(
          node.mark(),
          path,
          "unknown protocol '" + t + "'" + Suggest.didYouMean(t, names) + " (" + hint + ")");
      return null;
    };
  }

  /** A host key mode. */
  public static FieldReader<HostKeyPolicy> hostKey() {
    return parsed(HostKeyPolicy::parse);
  }

  /** A Zabbix trapper address {@code HOST[:PORT]}. */
  public static FieldReader<ZabbixEndpoint> endpoint() {
    return parsed(ZabbixEndpoint::parse);
  }

  /** {@code NAME=VALUE}. */
  public static FieldReader<Map.Entry<String, String>> nameValue() {
    return (node, path, ctx) -> {
      String t = text(node, path, ctx);
      if (t == null) {
        return null;
      }
      int eq = t.indexOf('=');
      if (eq <= 0 || t.substring(0, eq).isBlank()) {
        ctx.problem(node.mark(), path, "'" + t + "' is not NAME=VALUE; write e.g. TempType=LINE");
        return null;
      }
      return Map.entry(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
    };
  }

  /** An http(s) URL without user info (it would hold a credential). */
  public static FieldReader<URI> httpUrl() {
    return (node, path, ctx) -> {
      String t = text(node, path, ctx);
      if (t == null) {
        return null;
      }
      URI uri;
      try {
        uri = new URI(t.strip());
      } catch (URISyntaxException e) {
        ctx.problem(node.mark(), path, "'" + t + "' is not a URL");
        return null;
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        ctx.problem(
            node.mark(),
            path,
            "'" + t + "' is not an http(s) URL such as https://zabbix.example.net/api_jsonrpc.php");
        return null;
      }
      if (uri.getRawUserInfo() != null) {
        // never repeat the URL: it holds a credential
        ctx.problem(
            node.mark(),
            path,
            "the URL must not contain a user or password; use 'token' or 'username'/'password'");
        return null;
      }
      return uri;
    };
  }

  /** Free labels: a list (keys with empty values) or a mapping of scalars. */
  public static FieldReader<Map<String, String>> tags() {
    return (node, path, ctx) -> {
      Map<String, String> tags = new LinkedHashMap<>();
      if (node instanceof SeqNode seq) {
        for (int i = 0; i < seq.items().size(); i++) {
          String t = text(seq.items().get(i), path + "[" + i + "]", ctx);
          if (t == null) {
            return null;
          }
          tags.put(t, "");
        }
        return tags;
      }
      if (node instanceof MapNode m) {
        for (Entry e : m.entries().values()) {
          String t = isNull(e.value()) ? "" : text(e.value(), path + "." + e.key(), ctx);
          if (t == null) {
            return null;
          }
          tags.put(e.key(), t);
        }
        return tags;
      }
      ctx.problem(
          node.mark(),
          path,
          "expected a list of tags or a mapping of tag: value, got " + node.kind());
      return null;
    };
  }

  /** Tags of a default merged with an item's own (the item's keys win). */
  public static Map<String, String> mergeTags(Map<String, String> base, Map<String, String> own) {
    Map<String, String> merged = new LinkedHashMap<>(base);
    merged.putAll(own);
    return merged;
  }

  /** A mapping of name: value, each value read by {@code values}. */
  public static <T> FieldReader<Map<String, T>> mapOf(FieldReader<T> values, String what) {
    return (node, path, ctx) -> {
      if (!(node instanceof MapNode m)) {
        ctx.problem(node.mark(), path, "expected a mapping with " + what + ", got " + node.kind());
        return null;
      }
      Map<String, T> out = new LinkedHashMap<>();
      boolean ok = true;
      for (Entry e : m.entries().values()) {
        T v = values.read(e.value(), path + "." + e.key(), ctx);
        if (v == null) {
          ok = false;
        } else {
          out.put(e.key(), v);
        }
      }
      return ok ? out : null;
    };
  }

  /**
   * A secret reference: exactly one of {@code {env: NAME}}, {@code {file: PATH}}, {@code {value:
   * ...}}.
   */
  public static FieldReader<SecretRef> secret() {
    return (node, path, ctx) -> {
      if (!(node instanceof MapNode m)) {
        ctx.problem(
            node.mark(),
            path,
            "expected a reference {env: VAR}, {file: PATH} or {value: ...}, got "
                + node.kind()
                + " (a plain string is not accepted, so that no secret is written into the"
                + " file by accident)");
        return null;
      }
      unknownKeys(m, SECRET_KEYS, path, ctx);
      List<Entry> refs =
          m.entries().values().stream().filter(e -> SECRET_KEYS.contains(e.key())).toList();
      if (refs.size() != 1) {
        if (m.entries().size() == refs.size()) {
          ctx.problem(node.mark(), path, "needs exactly one of env, file or value");
        }
        return null;
      }
      Entry ref = refs.getFirst();
      String sub = path + "." + ref.key();
      Mark at = ref.value().mark();
      if (isNull(ref.value())) {
        ctx.problem(at, sub, "must not be empty");
        return null;
      }
      String t = text(ref.value(), sub, ctx);
      if (t == null) {
        return null;
      }
      switch (ref.key()) {
        case "env" -> {
          if (!isEnvName(t)) {
            ctx.problem(at, sub, "'" + t + "' is not an environment variable name");
            return null;
          }
          String value = ctx.env(t);
          if (value == null) {
            ctx.problem(at, sub, "environment variable " + t + " is not set");
            return null;
          }
          return SecretRef.env(t, value);
        }
        case "file" -> {
          Path p = ctx.baseDir().resolve(t);
          try {
            return SecretRef.file(p, firstLine(p));
          } catch (IOException e) {
            // names the file, never its content
            ctx.problem(
                at, sub, "cannot read secret file " + p + ": " + e.getClass().getSimpleName());
            return null;
          }
        }
        default -> {
          return SecretRef.literal(t);
        }
      }
    };
  }

  /** A readable private key file (relative: to the file's folder). */
  public static FieldReader<Path> privateKey() {
    return (node, path, ctx) -> {
      String t = text(node, path, ctx);
      if (t == null) {
        return null;
      }
      Path p = ctx.baseDir().resolve(t.trim()).normalize();
      if (!Files.isReadable(p)) {
        ctx.problem(
            node.mark(), path, "private key file " + p + " does not exist or is not readable");
        return null;
      }
      return p;
    };
  }

  // ---------------------------------------------------------------- helpers

  /** Reports every key of {@code m} that is not in {@code known}, with a did-you-mean hint. */
  public static void unknownKeys(MapNode m, List<String> known, String path, ReadContext ctx) {
    for (Entry e : m.entries().values()) {
      if (!known.contains(e.key())) {
        String where = path.isEmpty() ? "at the top level" : "in " + path;
        String hint = Suggest.didYouMean(e.key(), known);
        ctx.problem(
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

  /** True for an empty value ({@code ~}, {@code null} or nothing). */
  public static boolean isNull(Node n) {
    return n instanceof Scalar s && s.isNull();
  }
}
