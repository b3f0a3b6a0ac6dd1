package io.netpool.sim;

import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import io.netpool.sim.platform.sla.SlaOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One simulated device: id, platform, the hostname shown in its prompt, its vty lines (concurrent
 * SSH sessions accepted), whether login lands in the unprivileged mode (Cisco {@code >}, needs
 * {@code enable}), ping targets and initial faults.
 *
 * @param id unique id, used to look the device up
 * @param platform the platform whose CLI is rendered
 * @param hostname hostname shown in the prompt
 * @param vtyLines concurrent SSH sessions accepted; further ones are closed on accept
 * @param enableRequired login lands in user exec ({@code R1>}) on IOS, IOS-XE and EOS
 * @param promptPrefix text before the prompt, for example {@code HRP_M} on Huawei firewalls
 * @param port fixed TCP port, or 0 for the simulator's choice
 * @param targets ping behaviour per target IPv4 address
 * @param defaultTarget behaviour of targets not listed
 * @param faults faults active from the start
 * @param ipv6 whether the device routes IPv6 (default); without it an IPv6 ping is refused the way
 *     the platform refuses an address it cannot use (IOS {@code % Unrecognized host or address, or
 *     protocol not running.})
 * @param slaOperations the router's own SLA operations keyed by what it names them by: Cisco (IOS,
 *     IOS-XE, NX-OS, IOS-XR) an entry number such as {@code 10}, Junos {@code owner/test}, Huawei
 *     VRP and H3C Comware {@code admin/test}
 */
public record DeviceSpec(
    String id,
    Platform platform,
    String hostname,
    int vtyLines,
    boolean enableRequired,
    String promptPrefix,
    int port,
    Map<String, TargetBehaviour> targets,
    TargetBehaviour defaultTarget,
    List<Fault> faults,
    boolean ipv6,
    Map<String, SlaOperation> slaOperations) {

  public DeviceSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(platform, "platform");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    if (hostname == null || hostname.isBlank()) {
      hostname = id.toUpperCase(java.util.Locale.ROOT);
    }
    if (vtyLines < 1) {
      throw new IllegalArgumentException("vtyLines must be >= 1: " + vtyLines);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    promptPrefix = promptPrefix == null ? "" : promptPrefix;
    targets = Map.copyOf(targets == null ? Map.of() : targets);
    defaultTarget = defaultTarget == null ? TargetBehaviour.DEFAULT : defaultTarget;
    faults = List.copyOf(faults == null ? List.of() : faults);
    slaOperations = Map.copyOf(slaOperations == null ? Map.of() : slaOperations);
    for (String key : slaOperations.keySet()) {
      checkSlaKey(platform, key);
    }
  }

  /** An SLA key must be what the platform names its operations by. */
  private static void checkSlaKey(Platform platform, String key) {
    boolean ok =
        switch (platform) {
          case CISCO_IOS, CISCO_IOSXE, CISCO_NXOS, CISCO_IOSXR -> key.matches("[0-9]{1,10}");
          case JUNIPER_JUNOS, HUAWEI_VRP, H3C_COMWARE -> key.matches("[^/\\s]+/[^/\\s]+");
          default -> false;
        };
    if (!ok) {
      throw new IllegalArgumentException(
          "SLA operation key '"
              + key
              + "' is not one "
              + platform
              + " names (Cisco: entry number; Junos: owner/test; Huawei, H3C: admin/test)");
    }
  }

  /** The SLA operation named {@code key}, or null. */
  public SlaOperation slaOperation(String key) {
    return slaOperations.get(key);
  }

  /** A device with defaults: hostname = upper-case id, 5 vty lines, no enable, no faults. */
  public static DeviceSpec of(String id, Platform platform) {
    return builder(id, platform).build();
  }

  public static Builder builder(String id, Platform platform) {
    return new Builder(id, platform);
  }

  /** Builder of {@link DeviceSpec}. */
  public static final class Builder {
    private final String id;
    private final Platform platform;
    private String hostname;
    private int vtyLines = 5;
    private boolean enableRequired;
    private String promptPrefix = "";
    private int port;
    private final Map<String, TargetBehaviour> targets = new LinkedHashMap<>();
    private TargetBehaviour defaultTarget = TargetBehaviour.DEFAULT;
    private final List<Fault> faults = new ArrayList<>();
    private boolean ipv6 = true;
    private final Map<String, SlaOperation> slaOperations = new LinkedHashMap<>();

    private Builder(String id, Platform platform) {
      this.id = id;
      this.platform = platform;
    }

    public Builder hostname(String hostname) {
      this.hostname = hostname;
      return this;
    }

    public Builder vtyLines(int vtyLines) {
      this.vtyLines = vtyLines;
      return this;
    }

    public Builder enableRequired(boolean enableRequired) {
      this.enableRequired = enableRequired;
      return this;
    }

    public Builder promptPrefix(String promptPrefix) {
      this.promptPrefix = promptPrefix;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder target(String ip, TargetBehaviour behaviour) {
      targets.put(ip, behaviour);
      return this;
    }

    public Builder defaultTarget(TargetBehaviour behaviour) {
      this.defaultTarget = behaviour;
      return this;
    }

    /** Whether the device routes IPv6 (default true). */
    public Builder ipv6(boolean ipv6) {
      this.ipv6 = ipv6;
      return this;
    }

    /**
     * An SLA operation of the router's own, under the name the platform gives it: Cisco an entry
     * number ({@code "10"}), Junos {@code "owner/test"}, Huawei and H3C {@code "admin/test"}.
     */
    public Builder slaOperation(String key, SlaOperation operation) {
      slaOperations.put(Objects.requireNonNull(key), Objects.requireNonNull(operation));
      return this;
    }

    public Builder fault(Fault fault) {
      faults.add(Objects.requireNonNull(fault));
      return this;
    }

    public DeviceSpec build() {
      return new DeviceSpec(
          id,
          platform,
          hostname,
          vtyLines,
          enableRequired,
          promptPrefix,
          port,
          targets,
          defaultTarget,
          faults,
          ipv6,
          slaOperations);
    }
  }
}
