package io.netpool.monitor.settings;

import io.netpool.monitor.inventory.Field;
import io.netpool.monitor.inventory.FieldReader;
import io.netpool.monitor.inventory.ReadContext;
import io.netpool.monitor.inventory.SettingReaders;
import io.netpool.monitor.inventory.YamlTree.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The top-level {@code state_dir:}: the folder for everything netpool keeps across restarts. A
 * relative path is relative to the file's folder. Default: systemd's {@code $STATE_DIRECTORY} (the
 * unit's {@code StateDirectory=}), else {@code $XDG_STATE_HOME/netpool}, else {@code
 * ~/.local/state/netpool}. Reading checks that it is, or can become, a writable folder; {@code
 * netpool run} creates it and takes its lock.
 */
public final class StateDirSetting {
  /** The top-level key. */
  public static final String KEY = "state_dir";

  /** The row of the documentation table. */
  public static final Field<Path> FIELD =
      Field.of(KEY, reader())
          .docDefault(
              "`$STATE_DIRECTORY`, else `$XDG_STATE_HOME/netpool`, else `~/.local/state/netpool`")
          .help(
              "folder for what netpool keeps across restarts (relative: to this file's folder);"
                  + " created owner-only by `netpool run` and locked: one monitor per folder");

  private StateDirSetting() {}

  /** The reader to register with {@code InventoryLoader.section(KEY, ...)}. */
  public static FieldReader<Path> reader() {
    FieldReader<Path> path = SettingReaders.path();
    return (Node node, String at, ReadContext ctx) -> {
      Path p = path.read(node, at, ctx);
      if (p == null) {
        return null;
      }
      String problem = problem(p);
      if (problem != null) {
        ctx.problem(node.mark(), at, problem);
        return null;
      }
      return p;
    };
  }

  /** Why {@code dir} cannot be the state folder, or null when it can. */
  static String problem(Path dir) {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        return dir + " is not a folder";
      }
      return Files.isWritable(dir) ? null : "folder " + dir + " is not writable by this user";
    }
    Path parent = dir.toAbsolutePath().getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      return "folder "
          + dir
          + " does not exist and cannot be created ("
          + parent
          + " is not a"
          + " writable folder)";
    }
    return null;
  }

  /** The default folder, from the environment. */
  public static Path defaultDir(UnaryOperator<String> env) {
    String systemd = env.apply("STATE_DIRECTORY");
    if (systemd != null && !systemd.isBlank()) {
      // systemd sets a colon-separated list when the unit names several
      return Path.of(systemd.split(":")[0]);
    }
    String xdg = env.apply("XDG_STATE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "netpool");
    }
    return Path.of(System.getProperty("user.home"), ".local", "state", "netpool");
  }
}
