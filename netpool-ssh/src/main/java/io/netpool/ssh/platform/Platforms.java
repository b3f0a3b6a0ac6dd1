package io.netpool.ssh.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Static access to one process-wide {@link PlatformRegistry}, which starts as {@link
 * PlatformRegistry#shipped()}. {@link #register} and {@link #load(Path)} replace it with a copy
 * that has one more profile. Code that should see a user's profile directory takes a {@link
 * PlatformRegistry} instead (for example {@code CliFactory.withPlatforms}).
 */
public final class Platforms {
  private static volatile PlatformRegistry registry = PlatformRegistry.shipped();

  private Platforms() {}

  /** The current registry (a snapshot: later {@link #register} calls do not change it). */
  public static PlatformRegistry registry() {
    return registry;
  }

  /**
   * Makes {@code next} the registry every default lookup uses, for example {@link
   * PlatformRegistry#withDirectory} for a user's platform folder ({@code NETPOOL_PLATFORMS_DIR},
   * {@code platforms_dir:} in monitor.yml).
   */
  public static void use(PlatformRegistry next) {
    registry = java.util.Objects.requireNonNull(next, "registry");
  }

  /**
   * The profile with this name or alias (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known platforms when there is none
   */
  public static PlatformProfile get(String name) {
    return registry.get(name);
  }

  /** Canonical names of all registered profiles, sorted. */
  public static Set<String> names() {
    return registry.names();
  }

  /**
   * Adds a profile; one with the same name is replaced.
   *
   * @throws IllegalArgumentException when its name or an alias belongs to another profile
   */
  public static synchronized void register(PlatformProfile profile) {
    registry = registry.with(profile);
  }

  /**
   * Reads a profile from a YAML file and registers it.
   *
   * @throws ProfileException (an {@link IOException}) for a broken profile, located in the file
   */
  public static PlatformProfile load(Path yamlFile) throws IOException {
    ProfileReader.Located read =
        ProfileReader.read(
            Files.readString(yamlFile, StandardCharsets.UTF_8), yamlFile.toString(), null, false);
    synchronized (Platforms.class) {
      registry = registry.with(read);
    }
    return read.profile();
  }

  /**
   * Parses one profile from YAML without registering it.
   *
   * @param source the name for error messages (a file name)
   * @throws ProfileException (an {@link IOException}) for a broken profile, located in {@code
   *     source}
   */
  public static PlatformProfile parse(InputStream yaml, String source) throws IOException {
    return ProfileReader.read(
            new String(yaml.readAllBytes(), StandardCharsets.UTF_8), source, null, false)
        .profile();
  }
}
