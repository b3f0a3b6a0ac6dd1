package io.netpool.ssh.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of platform profiles. The bundled profiles are YAML resources under {@code
 * io/netpool/ssh/platforms/}, one file per platform, listed in {@code index.txt} there. More can be
 * added at run time with {@link #register} or {@link #load(Path)}.
 */
public final class Platforms {
  private static final String RESOURCE_DIR = "/io/netpool/ssh/platforms/";
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** Profiles by canonical name; aliases map to the same profile in {@link #BY_NAME}. */
  private static final Map<String, PlatformProfile> PROFILES = new ConcurrentHashMap<>();

  private static final Map<String, PlatformProfile> BY_NAME = new ConcurrentHashMap<>();

  static {
    for (String name : bundledNames()) {
      register(loadResource(name));
    }
  }

  private Platforms() {}

  /**
   * The profile with this name or alias (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known platforms when there is none
   */
  public static PlatformProfile get(String name) {
    PlatformProfile p = name == null ? null : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown platform '" + name + "'; known platforms: " + String.join(", ", names()));
    }
    return p;
  }

  /** Canonical names of all registered profiles, sorted. */
  public static Set<String> names() {
    return new TreeSet<>(PROFILES.keySet());
  }

  /** Adds or replaces a profile (by its name and aliases). */
  public static void register(PlatformProfile profile) {
    PROFILES.put(profile.name().toLowerCase(Locale.ROOT), profile);
    BY_NAME.put(profile.name().toLowerCase(Locale.ROOT), profile);
    for (String alias : profile.aliases()) {
      BY_NAME.put(alias.toLowerCase(Locale.ROOT), profile);
    }
  }

  /** Reads a profile from a YAML file and registers it. */
  public static PlatformProfile load(Path yamlFile) throws IOException {
    try (InputStream in = Files.newInputStream(yamlFile)) {
      PlatformProfile profile = parse(in, yamlFile.toString());
      register(profile);
      return profile;
    }
  }

  /** Parses one profile from YAML without registering it. */
  public static PlatformProfile parse(InputStream yaml, String source) throws IOException {
    try {
      return YAML.readValue(yaml, PlatformProfile.class);
    } catch (IOException e) {
      throw new IOException("cannot read platform profile " + source + ": " + e.getMessage(), e);
    }
  }

  private static Set<String> bundledNames() {
    try (InputStream in = Platforms.class.getResourceAsStream(RESOURCE_DIR + "index.txt")) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE_DIR + "index.txt");
      }
      Set<String> names = new TreeSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String n = line.strip();
        if (!n.isEmpty() && !n.startsWith("#")) {
          names.add(n);
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PlatformProfile loadResource(String name) {
    String path = RESOURCE_DIR + name + ".yaml";
    try (InputStream in = Platforms.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("index.txt lists " + name + " but " + path + " is missing");
      }
      PlatformProfile profile = parse(in, path);
      if (!profile.name().equals(name)) {
        throw new IllegalStateException(path + " declares name " + profile.name());
      }
      return profile;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
