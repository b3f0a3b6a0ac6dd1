package io.netpool.monitor.inventory;

/** Test profiles for {@code platforms_dir}, shared with the engine's simulator tests. */
public final class PlatformsDirTestProfiles {
  private PlatformsDirTestProfiles() {}

  /** The shipped IOS profile as {@code acme_os} (alias {@code acme}) with this count word. */
  public static String acmeProfile(String countWord) throws Exception {
    return PlatformsDirTest.acmeProfile(countWord);
  }
}
