package io.netpool.monitor.cluster;

import java.util.Objects;

/**
 * What a node tells the others about itself, on every view change, inventory change and every few
 * seconds: where its status page is, which inventory it runs and how much it owns.
 *
 * @param node the node's name
 * @param statusUrl its status page, or null without HTTP
 * @param inventory the fingerprint of its whole inventory ({@link InventoryFingerprint}); nodes
 *     that disagree are reported
 * @param devices the routers it owns now
 * @param lines the lines it checks now
 * @param sentMillis when it was sent, epoch milliseconds of the sender's clock
 */
public record PeerStatus(
    String node, String statusUrl, String inventory, int devices, int lines, long sentMillis) {
  public PeerStatus {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(inventory, "inventory");
  }
}
