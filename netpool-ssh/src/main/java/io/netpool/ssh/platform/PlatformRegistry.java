package io.netpool.ssh.platform;

import io.netpool.ssh.platform.ProfileException.Problem;
import io.netpool.ssh.platform.ProfileReader.Located;
import io.netpool.ssh.platform.ProfileReader.Pos;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * An immutable set of platform profiles, looked up by name or alias (case-insensitive). The shipped
 * profiles are YAML resources under {@code io/netpool/ssh/platforms/}, listed in {@code index.txt}
 * there; {@link #withDirectory(Path)} adds a user's directory of {@code *.yaml} / {@code *.yml}
 * files, where a profile with the name of a shipped one replaces it. No two profiles may claim the
 * same name or alias.
 */
public final class PlatformRegistry {
  /** Environment variable naming a directory of user profiles; see {@link #fromEnvironment()}. */
  public static final String ENV_PLATFORMS_DIR = "NETPOOL_PLATFORMS_DIR";

  static final String RESOURCE_DIR = "io/netpool/ssh/platforms/";

  /** Source of profiles added in code ({@link #with(PlatformProfile)}). */
  static final String IN_CODE = "(registered in code)";

  /** Profiles by lower-cased canonical name, sorted. */
  private final Map<String, Located> byName;

  /** Lower-cased name or alias → lower-cased canonical name. */
  private final Map<String, String> keys;

  private PlatformRegistry(Map<String, Located> byName, Map<String, String> keys) {
    this.byName = Collections.unmodifiableMap(byName);
    this.keys = Collections.unmodifiableMap(keys);
  }

  private static final class Shipped {
    static final PlatformRegistry INSTANCE = loadShipped();
  }

  /** The profiles shipped with netpool-ssh. */
  public static PlatformRegistry shipped() {
    return Shipped.INSTANCE;
  }

  /**
   * The shipped profiles plus every {@code *.yaml} and {@code *.yml} file in {@code dir} (not its
   * subdirectories). A file is named after its profile ({@code acme_os.yaml} holds {@code name:
   * acme_os}); a profile with the name of a shipped one replaces it, aliases included.
   *
   * @throws ProfileException listing every broken file (one problem per file) and every name or
   *     alias claimed twice; also when {@code dir} is not a readable directory
   */
  public static PlatformRegistry withDirectory(Path dir) throws ProfileException {
    return shipped().plusDirectory(dir);
  }

  /**
   * The shipped profiles plus the directory named by the environment variable {@value
   * #ENV_PLATFORMS_DIR}, when it is set and not blank; else {@link #shipped()}.
   */
  public static PlatformRegistry fromEnvironment() throws ProfileException {
    return fromEnvironment(System::getenv);
  }

  /** {@link #fromEnvironment()} with another source of environment variables (for tests). */
  public static PlatformRegistry fromEnvironment(UnaryOperator<String> getenv)
      throws ProfileException {
    String dir = getenv.apply(ENV_PLATFORMS_DIR);
    if (dir == null || dir.isBlank()) {
      return shipped();
    }
    return withDirectory(Path.of(dir.strip()));
  }

  /** This registry plus the profiles of {@code dir}, as {@link #withDirectory(Path)} does. */
  public PlatformRegistry plusDirectory(Path dir) throws ProfileException {
    String label = dir.toString();
    if (!Files.isDirectory(dir)) {
      throw new ProfileException(
          new Problem(
              label,
              0,
              0,
              null,
              Files.exists(dir)
                  ? "is not a directory (platforms directory)"
                  : "platforms directory does not exist"));
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> stem(p.getFileName().toString()) != null)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new ProfileException(new Problem(label, 0, 0, null, "cannot list: " + e));
    }
    List<Problem> problems = new ArrayList<>();
    List<Located> read = new ArrayList<>();
    for (Path file : files) {
      String name = file.toString();
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        read.add(ProfileReader.read(text, name, stem(file.getFileName().toString()), false));
      } catch (ProfileException e) {
        problems.addAll(e.problems());
      } catch (CharacterCodingException e) {
        problems.add(new Problem(name, 0, 0, null, "not UTF-8 text"));
      } catch (IOException e) {
        problems.add(new Problem(name, 0, 0, null, "cannot read: " + e));
      }
    }
    PlatformRegistry result = plus(read, problems);
    if (!problems.isEmpty()) {
      throw new ProfileException(problems);
    }
    return result;
  }

  /**
   * This registry plus {@code profile}, which replaces a profile of the same name.
   *
   * @throws IllegalArgumentException when its name or an alias belongs to another profile
   */
  public PlatformRegistry with(PlatformProfile profile) {
    List<Problem> problems = new ArrayList<>();
    PlatformRegistry r = plus(List.of(new Located(profile, IN_CODE, null, List.of())), problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot add platform " + profile.name() + ": " + problems.get(0).message());
    }
    return r;
  }

  /** {@link #with} for a profile read from a file: conflicts are located in that file. */
  PlatformRegistry with(Located profile) throws ProfileException {
    List<Problem> problems = new ArrayList<>();
    PlatformRegistry r = plus(List.of(profile), problems);
    if (!problems.isEmpty()) {
      throw new ProfileException(problems);
    }
    return r;
  }

  /**
   * The profile with this name or alias (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known platforms (and the closest one) when none
   */
  public PlatformProfile get(String nameOrAlias) {
    return find(nameOrAlias)
        .orElseThrow(() -> new IllegalArgumentException(unknownPlatformMessage(nameOrAlias)));
  }

  /** The profile with this name or alias (case-insensitive), if any. */
  public Optional<PlatformProfile> find(String nameOrAlias) {
    return entry(nameOrAlias).map(Located::profile);
  }

  /** Canonical names of all profiles, sorted. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    for (Located l : byName.values()) {
      names.add(l.profile().name());
    }
    return Collections.unmodifiableSet(names);
  }

  /** All profiles, sorted by name. */
  public List<PlatformProfile> profiles() {
    return byName.values().stream().map(Located::profile).toList();
  }

  /** Every alias (lower case) and the canonical name it stands for, sorted by alias. */
  public Map<String, String> aliases() {
    Map<String, String> out = new TreeMap<>();
    keys.forEach(
        (key, name) -> {
          if (!key.equals(name)) {
            out.put(key, byName.get(name).profile().name());
          }
        });
    return Collections.unmodifiableMap(out);
  }

  /** Where the profile of this name or alias was read from: a file, a resource, or "in code". */
  public Optional<String> source(String nameOrAlias) {
    return entry(nameOrAlias).map(Located::file);
  }

  /**
   * The known name or alias closest to {@code unknown} by edit distance, when it is close enough to
   * be a likely typo ({@code cisco_nxo} → {@code cisco_nxos}).
   */
  public Optional<String> didYouMean(String unknown) {
    List<String> candidates = new ArrayList<>(names());
    candidates.addAll(aliases().keySet());
    return EditDistance.closest(unknown, candidates);
  }

  /**
   * The error message for an unknown platform: {@code unknown platform 'x'; did you mean y? known
   * platforms: a, b, c}.
   */
  public String unknownPlatformMessage(String name) {
    return "unknown platform '"
        + name
        + "'; "
        + didYouMean(name).map(n -> "did you mean " + n + "? ").orElse("")
        + "known platforms: "
        + String.join(", ", names());
  }

  @Override
  public String toString() {
    return "PlatformRegistry" + names();
  }

  // ---- building ----

  private Optional<Located> entry(String nameOrAlias) {
    if (nameOrAlias == null) {
      return Optional.empty();
    }
    String name = keys.get(nameOrAlias.strip().toLowerCase(Locale.ROOT));
    return name == null ? Optional.empty() : Optional.of(byName.get(name));
  }

  /**
   * This registry's profiles, those of {@code added} replacing any of the same name. Problems (two
   * added profiles of one name, a name or alias claimed twice) are added to {@code problems},
   * located in the later file; the offending profile is left out.
   */
  private PlatformRegistry plus(List<Located> added, List<Problem> problems) {
    Map<String, Located> addedByName = new LinkedHashMap<>();
    for (Located l : added) {
      String key = lower(l.profile().name());
      Located before = addedByName.putIfAbsent(key, l);
      if (before != null) {
        problems.add(
            problem(
                l,
                l.namePos(),
                "name",
                "'"
                    + l.profile().name()
                    + "' is also the name of the profile in "
                    + before.file()
                    + "; one file per platform"));
      }
    }
    List<Located> order = new ArrayList<>();
    for (Located l : byName.values()) {
      if (!addedByName.containsKey(lower(l.profile().name()))) {
        order.add(l);
      }
    }
    order.addAll(addedByName.values());

    Map<String, Located> names = new TreeMap<>();
    Map<String, String> claims = new LinkedHashMap<>();
    for (Located l : order) {
      PlatformProfile p = l.profile();
      String name = lower(p.name());
      List<String> own = new ArrayList<>();
      own.add(p.name());
      own.addAll(p.aliases());
      boolean ok = true;
      for (int i = 0; i < own.size() && ok; i++) {
        String key = lower(own.get(i));
        String owner = claims.get(key);
        if (owner != null) {
          Located other = names.get(owner);
          String field = i == 0 ? "name" : "aliases[" + (i - 1) + "]";
          Pos at =
              i == 0 ? l.namePos() : (l.aliasPos().size() >= i ? l.aliasPos().get(i - 1) : null);
          problems.add(
              problem(
                  l,
                  at,
                  field,
                  "'"
                      + own.get(i)
                      + "' is already "
                      + (key.equals(owner) ? "the name" : "an alias")
                      + " of "
                      + other.profile().name()
                      + " ("
                      + other.file()
                      + ")"));
          ok = false;
        }
      }
      if (ok) {
        names.put(name, l);
        for (String k : own) {
          claims.put(lower(k), name);
        }
      }
    }
    return new PlatformRegistry(names, claims);
  }

  private static Problem problem(Located l, Pos at, String field, String message) {
    return at == null
        ? new Problem(l.file(), 0, 0, field, message)
        : new Problem(l.file(), at.line(), at.column(), field, message);
  }

  private static PlatformRegistry loadShipped() {
    List<Located> read = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (String name : indexNames()) {
      String path = RESOURCE_DIR + name + ".yaml";
      try (InputStream in = PlatformRegistry.class.getResourceAsStream("/" + path)) {
        if (in == null) {
          problems.add(new Problem(path, 0, 0, null, "listed in index.txt but missing"));
          continue;
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        read.add(ProfileReader.read(text, path, name, true));
      } catch (ProfileException e) {
        problems.addAll(e.problems());
      } catch (IOException e) {
        problems.add(new Problem(path, 0, 0, null, "cannot read: " + e));
      }
    }
    PlatformRegistry r =
        new PlatformRegistry(new TreeMap<>(), new LinkedHashMap<>()).plus(read, problems);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "broken shipped platform profiles:\n" + new ProfileException(problems).getMessage());
    }
    return r;
  }

  /** The names listed in the shipped {@code index.txt}, in file order. */
  static List<String> indexNames() {
    String path = "/" + RESOURCE_DIR + "index.txt";
    try (InputStream in = PlatformRegistry.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      List<String> names = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String n = line.strip();
        if (!n.isEmpty() && !n.startsWith("#")) {
          names.add(n);
        }
      }
      return names;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }

  /** The profile name a file name implies ({@code acme.yaml} → {@code acme}), or null. */
  private static String stem(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (fileName.startsWith(".")) {
      return null;
    }
    if (lower.endsWith(".yaml")) {
      return fileName.substring(0, fileName.length() - 5);
    }
    if (lower.endsWith(".yml")) {
      return fileName.substring(0, fileName.length() - 4);
    }
    return null;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
