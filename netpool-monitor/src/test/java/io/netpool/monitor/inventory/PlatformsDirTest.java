package io.netpool.monitor.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.monitor.ping.PingRequest;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.platform.PlatformProfile;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code platforms_dir}: a platform added as one profile file, without Java code. */
class PlatformsDirTest {
  @TempDir Path dir;

  /** The shipped IOS profile under another name, with IOS-XR's count word. */
  static String acmeProfile() throws Exception {
    return acmeProfile("count");
  }

  /** The shipped IOS profile as {@code acme_os} (alias {@code acme}) with this count word. */
  static String acmeProfile(String countWord) throws Exception {
    try (InputStream in =
        PlatformsDirTest.class.getResourceAsStream("/io/netpool/ssh/platforms/cisco_ios.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("name: cisco_ios", "name: acme_os")
          .replace("aliases: [ios]", "aliases: [acme]")
          .replace("  syntax: cisco", "  syntax: cisco\n  count_word: " + countWord);
    }
  }

  private static final String FILE =
      """
      platforms_dir: platforms
      devices:
        - {id: r1, host: 10.0.0.1, platform: acme, username: u, password: {value: p}}
      lines:
        - {id: l1, router: r1, target: 192.0.2.1}
      """;

  @Test
  void aProfileFileAddsAPlatformForPingAndSessions() throws Exception {
    Files.createDirectories(dir.resolve("platforms"));
    Files.writeString(dir.resolve("platforms/acme_os.yaml"), acmeProfile());
    Inventory inv = InventoryTestSupport.parse(dir.resolve("monitor.yml"), FILE);

    DeviceSpec r1 = inv.device("r1").orElseThrow();
    assertThat(r1.platform().id()).isEqualTo("acme_os");
    assertThat(r1.platform().command(PingRequest.to("192.0.2.1")))
        .isEqualTo("ping 192.0.2.1 count 5 timeout 2");
    // the resolved profile reaches the CLI factory with the device
    assertThat(
            r1.toDevice(SshOptions.defaults())
                .options()
                .get(PlatformProfile.class)
                .orElseThrow()
                .name())
        .isEqualTo("acme_os");
  }

  @Test
  void withoutTheFolderTheNameIsUnknownWithTheKnownList() {
    assertThatThrownBy(
            () ->
                InventoryTestSupport.parse(
                    dir.resolve("monitor.yml"), FILE.replace("platforms_dir: platforms\n", "")))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("monitor.yml:2:")
        .hasMessageContaining("unknown platform 'acme'")
        .hasMessageContaining("cisco_iosxe");
  }

  @Test
  void aBrokenProfileIsAnErrorOfTheFileNamingTheProfileLine() throws Exception {
    Files.createDirectories(dir.resolve("platforms"));
    Files.writeString(
        dir.resolve("platforms/acme_os.yaml"),
        acmeProfile().replace("  syntax: cisco\n", "  syntax: cisc\n"));
    assertThatThrownBy(() -> InventoryTestSupport.parse(dir.resolve("monitor.yml"), FILE))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("monitor.yml:1:")
        .hasMessageContaining("platforms_dir")
        .hasMessageContaining("acme_os.yaml:")
        .hasMessageContaining("ping.syntax: unknown syntax 'cisc'");
  }

  @Test
  void aMissingFolderIsAnError() {
    assertThatThrownBy(() -> InventoryTestSupport.parse(dir.resolve("monitor.yml"), FILE))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("platforms_dir")
        .hasMessageContaining("not a folder");
  }
}
