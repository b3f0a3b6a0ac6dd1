package io.netpool.ssh.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.sim.platform.Platform;
import io.netpool.ssh.platform.PlatformProfile;
import io.netpool.ssh.platform.PlatformRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The simulator keeps its own platform table (it is an independent peer of netpool-ssh); this
 * checks that it accepts every platform name and alias the shipped profiles accept, in any case,
 * and maps each to the platform with the profile's canonical name.
 */
class SimAcceptsShippedPlatformsTest {

  @Test
  void everyShippedNameAndAliasIsASimulatedPlatform() {
    assertThat(PlatformRegistry.shipped().names()).isNotEmpty();
    List<String> wrong = new ArrayList<>();
    for (String name : PlatformRegistry.shipped().names()) {
      PlatformProfile profile = PlatformRegistry.shipped().get(name);
      List<String> accepted = new ArrayList<>();
      accepted.add(profile.name());
      accepted.addAll(profile.aliases());
      for (String alias : accepted) {
        for (String spelling :
            List.of(alias, alias.toUpperCase(Locale.ROOT), alias.toLowerCase(Locale.ROOT))) {
          String got;
          try {
            got = Platform.of(spelling).id();
          } catch (IllegalArgumentException e) {
            got = "rejected";
          }
          if (!got.equals(profile.name())) {
            wrong.add(spelling + " -> " + got + ", expected " + profile.name());
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }
}
