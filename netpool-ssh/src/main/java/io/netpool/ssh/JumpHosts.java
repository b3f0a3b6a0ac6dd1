package io.netpool.ssh;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The chain of SSH hops to a device, first hop first, as a typed session option ({@code
 * SessionOptions.of(JumpHosts.class, chain)}): the first bastion is reached directly, each next one
 * through the previous, the device through the last. Many device sessions share one SSH connection
 * per hop ({@link Bastions}).
 */
public record JumpHosts(List<JumpHost> hops) {

  /** No jump host: the device is reached directly. */
  public static final JumpHosts NONE = new JumpHosts(List.of());

  public JumpHosts {
    hops = List.copyOf(hops);
    if (hops.stream().map(JumpHost::id).distinct().count() != hops.size()) {
      throw new IllegalArgumentException("a jump host appears twice in " + ids(hops));
    }
  }

  public static JumpHosts of(JumpHost... hops) {
    return new JumpHosts(List.of(hops));
  }

  public boolean isEmpty() {
    return hops.isEmpty();
  }

  /** "b1 -> b2". */
  public String describe() {
    return ids(hops);
  }

  private static String ids(List<JumpHost> hops) {
    return hops.stream().map(JumpHost::id).collect(Collectors.joining(" -> "));
  }
}
