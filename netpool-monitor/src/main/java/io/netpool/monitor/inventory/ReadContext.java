package io.netpool.monitor.inventory;

import io.netpool.monitor.inventory.YamlTree.Mark;
import io.netpool.ssh.JumpHost;
import io.netpool.ssh.platform.PlatformRegistry;
import io.netpool.ssh.platform.Platforms;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a {@link FieldReader} needs besides its node: where to report problems, the folder that
 * relative paths are resolved against, and the environment that {@code {env: NAME}} secrets read.
 */
public final class ReadContext {
  private final Problems problems;
  private final Path baseDir;
  private final UnaryOperator<String> environment;
  private PlatformRegistry platforms = Platforms.registry();
  private java.util.Set<String> aaaGroups = java.util.Set.of();
  private Map<String, JumpHost> jumpHosts = Map.of();

  public ReadContext(Problems problems, Path baseDir, UnaryOperator<String> environment) {
    this.problems = Objects.requireNonNull(problems, "problems");
    this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * The platform profiles names are checked against: the process registry ({@link
   * Platforms#registry()}: shipped plus {@code NETPOOL_PLATFORMS_DIR}) and the file's {@code
   * platforms_dir}.
   */
  public PlatformRegistry platforms() {
    return platforms;
  }

  void usePlatforms(PlatformRegistry registry) {
    this.platforms = Objects.requireNonNull(registry, "registry");
  }

  /** The names of the file's {@code aaa_groups:} (read before the devices), in file order. */
  public java.util.Set<String> aaaGroups() {
    return aaaGroups;
  }

  void useAaaGroups(java.util.Set<String> names) {
    this.aaaGroups = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(names));
  }

  /** The file's {@code jump_hosts:} by id (read before defaults and devices name them). */
  public Map<String, JumpHost> jumpHosts() {
    return jumpHosts;
  }

  void useJumpHosts(Map<String, JumpHost> byId) {
    this.jumpHosts = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
  }

  public Problems problems() {
    return problems;
  }

  /** The folder of the file being read. */
  public Path baseDir() {
    return baseDir;
  }

  /** The value of an environment variable, or null. */
  public String env(String name) {
    return environment.apply(name);
  }

  /** Reports an error at {@code at} for the field {@code path}. */
  public void problem(Mark at, String path, String message) {
    problems.error(at, path, message);
  }
}
