package io.netpool.sim.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code io.netpool.sim} uses {@code io.netpool.sim.platform}, never the other way round: no source
 * file of the platform package names a type of the simulator package (import or fully qualified
 * name).
 */
class PackageDependencyTest {

  private static final Pattern SIM_TYPE = Pattern.compile("\\bio\\.netpool\\.sim\\.([A-Z]\\w*)");

  @Test
  void platformPackageDoesNotUseTheSimulatorPackage() throws IOException {
    Path dir = Path.of("src/main/java/io/netpool/sim/platform");
    assertThat(dir).isDirectory();
    List<String> uses = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = SIM_TYPE.matcher(Files.readString(f));
        while (m.find()) {
          uses.add(f.getFileName() + ": io.netpool.sim." + m.group(1));
        }
      }
    }
    assertThat(uses).isEmpty();
  }

  @Test
  void everyPlatformHasItsOwnNamesAndARenderer() {
    for (Platform p : Platform.values()) {
      assertThat(Platform.of(p.id())).isSameAs(p);
      assertThat(Platform.of(p.name())).isSameAs(p);
      assertThat(p.renderer()).isNotNull();
      for (String alias : p.aliases()) {
        assertThat(Platform.of(alias.toUpperCase(java.util.Locale.ROOT))).isSameAs(p);
      }
    }
    assertThat(Platform.of("ios_xe")).isSameAs(Platform.CISCO_IOSXE);
    assertThat(Platform.of(" Cisco_XR ")).isSameAs(Platform.CISCO_IOSXR);
    assertThat(Platform.of("unix")).isSameAs(Platform.LINUX);
  }
}
