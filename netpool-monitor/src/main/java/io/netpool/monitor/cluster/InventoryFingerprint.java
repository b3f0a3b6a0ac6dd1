package io.netpool.monitor.cluster;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A short fingerprint of what an inventory monitors: every router's address and platform and every
 * line's router, target, interval and probe, in id order, hashed. Two nodes that read the same file
 * and the same discovery agree; no secret goes into it (credentials are compared by nobody).
 */
public final class InventoryFingerprint {
  private InventoryFingerprint() {}

  /** The first 16 hex digits of the SHA-256 of the inventory's monitored facts. */
  public static String of(Inventory inventory) {
    Map<String, String> rows = new TreeMap<>();
    for (DeviceSpec d : inventory.devices().values()) {
      rows.put(
          "d " + d.id(), d.host() + " " + d.port() + " " + d.platform().id() + " " + d.protocol());
    }
    for (LineSpec l : inventory.lines().values()) {
      rows.put(
          "l " + l.id(),
          l.router()
              + " "
              + l.target()
              + " "
              + l.source()
              + " "
              + l.vrf()
              + " "
              + l.repeat()
              + " "
              + l.interval()
              + " "
              + l.probes());
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      rows.forEach(
          (k, v) -> {
            sha.update(k.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(v.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
          });
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
