package io.netpool.monitor.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Rendezvous (highest random weight) hashing: a router belongs to the member whose hash of (member
 * name, router id) is highest. Every node computes the same owner from the same member names, with
 * no message; a member leaving moves only its own routers (each to the member that was second), and
 * a member joining takes about {@code 1/n} of the routers from the others.
 */
public final class Rendezvous {
  private Rendezvous() {}

  /** The owner of {@code key} among {@code members}, or null when there are none. */
  public static String owner(String key, Collection<String> members) {
    String best = null;
    long bestWeight = 0;
    for (String m : members) {
      long w = weight(m, key);
      // ties (practically never) go to the smaller name, so every node agrees
      if (best == null
          || Long.compareUnsigned(w, bestWeight) > 0
          || (w == bestWeight && m.compareTo(best) < 0)) {
        best = m;
        bestWeight = w;
      }
    }
    return best;
  }

  /** A 64-bit weight of the pair: FNV-1a over both names, then a SplitMix64 finaliser. */
  static long weight(String member, String key) {
    long h = 0xcbf29ce484222325L;
    h = fnv(h, member);
    h ^= 0xff; // a separator no UTF-8 text contains, so ("ab", "c") differs from ("a", "bc")
    h *= 0x100000001b3L;
    h = fnv(h, key);
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  private static long fnv(long h, String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
