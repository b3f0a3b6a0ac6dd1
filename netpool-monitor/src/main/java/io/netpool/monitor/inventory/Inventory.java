package io.netpool.monitor.inventory;

import io.netpool.pool.Device;
import io.netpool.ssh.LoginLimits;
import io.netpool.ssh.SshOptions;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated, immutable inventory: devices and lines by id, in file order. Every line's router is
 * a device of this inventory. Built by {@link InventoryLoader}.
 */
public final class Inventory {
  private final Path file;
  private final String digest;
  private final Map<String, DeviceSpec> devices;
  private final Map<String, LineSpec> lines;
  private final Map<String, List<LineSpec>> linesByRouter;
  private final List<Problem> warnings;
  private final Map<String, LoginLimits> aaaGroups;

  /**
   * @param file the file it was read from
   * @param digest SHA-256 (hex) of the file content it was read from; the watcher compares it
   * @param devices devices in file order
   * @param lines lines in file order
   * @param warnings things that are allowed but probably not meant
   * @throws IllegalArgumentException when a line names a device that is not in {@code devices}
   */
  public Inventory(
      Path file,
      String digest,
      List<DeviceSpec> devices,
      List<LineSpec> lines,
      List<Problem> warnings) {
    this(file, digest, devices, lines, warnings, Map.of());
  }

  /**
   * @param aaaGroups the login budgets of {@code aaa_groups:} by group name, in file order
   */
  public Inventory(
      Path file,
      String digest,
      List<DeviceSpec> devices,
      List<LineSpec> lines,
      List<Problem> warnings,
      Map<String, LoginLimits> aaaGroups) {
    this.aaaGroups = Collections.unmodifiableMap(new LinkedHashMap<>(aaaGroups));
    this.file = Objects.requireNonNull(file, "file");
    this.digest = Objects.requireNonNull(digest, "digest");
    Map<String, DeviceSpec> d = new LinkedHashMap<>();
    for (DeviceSpec spec : devices) {
      if (d.putIfAbsent(spec.id(), spec) != null) {
        throw new IllegalArgumentException("duplicate device id " + spec.id());
      }
    }
    Map<String, LineSpec> l = new LinkedHashMap<>();
    Map<String, List<LineSpec>> byRouter = new LinkedHashMap<>();
    for (LineSpec spec : lines) {
      if (l.putIfAbsent(spec.id(), spec) != null) {
        throw new IllegalArgumentException("duplicate line id " + spec.id());
      }
      if (!d.containsKey(spec.router())) {
        throw new IllegalArgumentException(
            "line " + spec.id() + ": router " + spec.router() + " is not a device");
      }
      byRouter.computeIfAbsent(spec.router(), k -> new java.util.ArrayList<>()).add(spec);
    }
    byRouter.replaceAll((k, v) -> List.copyOf(v));
    this.devices = Collections.unmodifiableMap(d);
    this.lines = Collections.unmodifiableMap(l);
    this.linesByRouter = Collections.unmodifiableMap(byRouter);
    this.warnings = List.copyOf(warnings);
  }

  /** The file this inventory was read from. */
  public Path file() {
    return file;
  }

  /** SHA-256 (hex) of the file content this inventory was read from. */
  public String digest() {
    return digest;
  }

  /** Devices by id, in file order. */
  public Map<String, DeviceSpec> devices() {
    return devices;
  }

  /** The login budgets of {@code aaa_groups:} by group name, in file order (empty: none). */
  public Map<String, LoginLimits> aaaGroups() {
    return aaaGroups;
  }

  /** Lines by id, in file order. */
  public Map<String, LineSpec> lines() {
    return lines;
  }

  public Optional<DeviceSpec> device(String id) {
    return Optional.ofNullable(devices.get(id));
  }

  public Optional<LineSpec> line(String id) {
    return Optional.ofNullable(lines.get(id));
  }

  /** The device that runs this line's checks. */
  public DeviceSpec router(LineSpec line) {
    DeviceSpec d = devices.get(line.router());
    if (d == null) {
      throw new NoSuchElementException("no device " + line.router() + " in this inventory");
    }
    return d;
  }

  /** The lines checked from this device, in file order (empty when none). */
  public List<LineSpec> linesOf(String deviceId) {
    return linesByRouter.getOrDefault(deviceId, List.of());
  }

  /**
   * The core pool's {@link Device} for this device id, with credentials.
   *
   * @throws NoSuchElementException when there is no such device
   */
  public Device toDevice(String deviceId, SshOptions sshDefaults) {
    return device(deviceId)
        .orElseThrow(() -> new NoSuchElementException("no device " + deviceId))
        .toDevice(sshDefaults);
  }

  /**
   * Things allowed but probably not meant (e.g. a check that cannot finish within its interval).
   */
  public List<Problem> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "Inventory[" + file + ": " + devices.size() + " devices, " + lines.size() + " lines]";
  }
}
