package io.netpool.ssh.platform;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to drive one platform's CLI: its privilege levels and prompts, what to send on open, which
 * output means a failed command, how it pages, and how it spells ping. Profiles are data: one YAML
 * file per platform is the whole record of a platform (see {@link PlatformRegistry} and the module
 * README, "Adding a platform").
 *
 * @param name platform name as used in {@code Device.platform()} (for example {@code cisco_iosxe})
 * @param aliases other names for the same platform
 * @param description free text
 * @param privilegeLevels the levels, base level first
 * @param defaultLevel the level a session is brought to on open, and kept at
 * @param onOpen commands sent once the default level is reached (paging off, terminal width)
 * @param failedWhenContains output substrings that mark a command as failed
 * @param healthCommand a cheap read-only command (for example {@code show clock}) for deep checks
 * @param pagingPattern regex matched against the last line that marks a paging prompt (for example
 *     {@code --More--}); answered with a space; {@code null} when the platform does not page
 * @param ping how to build a ping command on this platform, or {@code null} when the profile has no
 *     {@code ping:} block (allowed for user profiles: they can be used for sessions but not for
 *     ping; every shipped profile has one); see {@link #requirePing()}
 * @param algorithms the platform's SSH algorithm lists ({@code ssh: algorithms:}), under each
 *     device's own ({@link AlgorithmPolicy#over}); {@link AlgorithmPolicy#DEFAULTS} without one
 * @param probes the commands of probe types other than ping by type name ({@code probes:}, for
 *     example {@code sla}); empty when the platform has none
 */
public record PlatformProfile(
    String name,
    List<String> aliases,
    String description,
    List<PrivilegeLevel> privilegeLevels,
    String defaultLevel,
    List<String> onOpen,
    List<String> failedWhenContains,
    String healthCommand,
    Pattern pagingPattern,
    PingSpec ping,
    AlgorithmPolicy algorithms,
    Map<String, ProbeCommand> probes) {

  public PlatformProfile {
    algorithms = algorithms == null ? AlgorithmPolicy.DEFAULTS : algorithms;
    probes = probes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(probes));
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("platform profile without a name");
    }
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    description = description == null ? "" : description;
    if (privilegeLevels == null || privilegeLevels.isEmpty()) {
      throw new IllegalArgumentException("platform " + name + ": no privilege levels");
    }
    privilegeLevels = List.copyOf(privilegeLevels);
    Set<String> names = new HashSet<>();
    for (PrivilegeLevel level : privilegeLevels) {
      if (!names.add(level.name())) {
        throw new IllegalArgumentException(
            "platform " + name + ": privilege level " + level.name() + " defined twice");
      }
    }
    for (PrivilegeLevel level : privilegeLevels) {
      if (level.previous() != null && !names.contains(level.previous())) {
        throw new IllegalArgumentException(
            "platform "
                + name
                + ": level "
                + level.name()
                + " names unknown previous level "
                + level.previous());
      }
    }
    if (defaultLevel == null) {
      defaultLevel = privilegeLevels.get(0).name();
    }
    if (!names.contains(defaultLevel)) {
      throw new IllegalArgumentException(
          "platform " + name + ": default level " + defaultLevel + " is not one of " + names);
    }
    onOpen = onOpen == null ? List.of() : List.copyOf(onOpen);
    failedWhenContains = failedWhenContains == null ? List.of() : List.copyOf(failedWhenContains);
  }

  /** A profile without a ping spec (it can open sessions but cannot be used for ping). */
  public PlatformProfile(
      String name,
      List<String> aliases,
      String description,
      List<PrivilegeLevel> privilegeLevels,
      String defaultLevel,
      List<String> onOpen,
      List<String> failedWhenContains,
      String healthCommand,
      Pattern pagingPattern) {
    this(
        name,
        aliases,
        description,
        privilegeLevels,
        defaultLevel,
        onOpen,
        failedWhenContains,
        healthCommand,
        pagingPattern,
        null,
        AlgorithmPolicy.DEFAULTS,
        Map.of());
  }

  /** A profile without other probe types' commands (no {@code probes:} block). */
  public PlatformProfile(
      String name,
      List<String> aliases,
      String description,
      List<PrivilegeLevel> privilegeLevels,
      String defaultLevel,
      List<String> onOpen,
      List<String> failedWhenContains,
      String healthCommand,
      Pattern pagingPattern,
      PingSpec ping,
      AlgorithmPolicy algorithms) {
    this(
        name,
        aliases,
        description,
        privilegeLevels,
        defaultLevel,
        onOpen,
        failedWhenContains,
        healthCommand,
        pagingPattern,
        ping,
        algorithms,
        Map.of());
  }

  /** A profile with the secure SSH algorithm defaults (no {@code ssh: algorithms:} block). */
  public PlatformProfile(
      String name,
      List<String> aliases,
      String description,
      List<PrivilegeLevel> privilegeLevels,
      String defaultLevel,
      List<String> onOpen,
      List<String> failedWhenContains,
      String healthCommand,
      Pattern pagingPattern,
      PingSpec ping) {
    this(
        name,
        aliases,
        description,
        privilegeLevels,
        defaultLevel,
        onOpen,
        failedWhenContains,
        healthCommand,
        pagingPattern,
        ping,
        AlgorithmPolicy.DEFAULTS,
        Map.of());
  }

  /**
   * A profile from the values of its YAML form (regexes as strings, compiled case-insensitively),
   * without a ping spec. Files are read by {@link PlatformRegistry} and {@link Platforms#parse}.
   *
   * @throws IllegalArgumentException for an invalid regex or inconsistent levels
   */
  public static PlatformProfile of(
      String name,
      List<String> aliases,
      String description,
      List<PrivilegeLevel> levels,
      String defaultLevel,
      List<String> onOpen,
      List<String> failedWhenContains,
      String healthCommand,
      String pagingPattern) {
    return new PlatformProfile(
        name,
        aliases,
        description,
        levels,
        defaultLevel,
        onOpen,
        failedWhenContains,
        healthCommand,
        pagingPattern == null
            ? null
            : PrivilegeLevel.compile(name + ".paging_pattern", pagingPattern));
  }

  /**
   * The ping spec.
   *
   * @throws IllegalStateException when the profile has no {@code ping:} block
   */
  public PingSpec requirePing() {
    if (ping == null) {
      throw new IllegalStateException(
          "platform "
              + name
              + " cannot be pinged from: its profile has no ping: block (syntax: one of "
              + PingSyntax.yamlNames()
              + ")");
    }
    return ping;
  }

  /** The command of probe type {@code type} on this platform, if its profile has one. */
  public Optional<ProbeCommand> probe(String type) {
    return Optional.ofNullable(probes.get(type));
  }

  /** The level with this name. @throws IllegalArgumentException if there is none */
  public PrivilegeLevel level(String levelName) {
    for (PrivilegeLevel level : privilegeLevels) {
      if (level.name().equals(levelName)) {
        return level;
      }
    }
    throw new IllegalArgumentException("platform " + name + " has no level " + levelName);
  }

  /** The default level. */
  public PrivilegeLevel defaultPrivilegeLevel() {
    return level(defaultLevel);
  }

  /**
   * The level whose prompt {@code promptLine} is. When several match, the last defined wins only if
   * no earlier one matches, i.e. levels are tried in definition order.
   */
  public Optional<PrivilegeLevel> levelOf(String promptLine) {
    for (PrivilegeLevel level : privilegeLevels) {
      if (level.matches(promptLine)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }

  /** True when {@code line} is a prompt of any level. */
  public boolean isPrompt(String line) {
    return levelOf(line).isPresent();
  }

  /** True when {@code line} is a paging prompt such as {@code --More--}. */
  public boolean isPagingPrompt(String line) {
    return pagingPattern != null && pagingPattern.matcher(line).find();
  }

  /** The first failure string found in {@code output}, if any (case-insensitive). */
  public Optional<String> failureIn(String output) {
    String lower = output.toLowerCase(Locale.ROOT);
    for (String marker : failedWhenContains) {
      if (lower.contains(marker.toLowerCase(Locale.ROOT))) {
        return Optional.of(marker);
      }
    }
    return Optional.empty();
  }

  /**
   * The path of levels from {@code from} up to {@code to} following {@code previous} links ({@code
   * to} last), or an empty list when {@code to} is not above {@code from}.
   */
  public List<PrivilegeLevel> escalationPath(PrivilegeLevel from, PrivilegeLevel to) {
    java.util.ArrayDeque<PrivilegeLevel> path = new java.util.ArrayDeque<>();
    PrivilegeLevel current = to;
    int guard = privilegeLevels.size() + 1;
    while (current != null && !current.name().equals(from.name()) && guard-- > 0) {
      path.addFirst(current);
      current = current.previous() == null ? null : level(current.previous());
    }
    return current != null && current.name().equals(from.name()) ? List.copyOf(path) : List.of();
  }

  @Override
  public String toString() {
    return "PlatformProfile[" + name + "]";
  }
}
