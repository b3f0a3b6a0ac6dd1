package io.netpool.monitor.inventory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads YAML text with a fixed fake environment. */
final class InventoryTestSupport {
  static final Map<String, String> ENV =
      Map.of(
          "NETPOOL_PASSWORD", "pw-from-env",
          "EDGE1_ENABLE", "enable-from-env",
          "R1_PASS", "r1-secret",
          "R1_PASS_COPY", "r1-secret",
          "R2_PASS", "r2-secret");

  static final InventoryLoader LOADER = new InventoryLoader(ENV::get);

  /** A minimal valid device and line, for tests that change one thing. */
  static final String BASE =
      """
      devices:
        - id: r1
          host: 10.0.0.1
          platform: cisco_iosxe
          username: netops
          password: {env: R1_PASS}
        - id: r2
          host: 10.0.0.2
          platform: huawei_vrp
          username: netops
          password: {env: R2_PASS}
      lines:
        - id: l1
          router: r1
          target: 192.0.2.1
        - id: l2
          router: r2
          target: 192.0.2.2
      """;

  private InventoryTestSupport() {}

  static Inventory parse(String yaml) throws InventoryException {
    return LOADER.parse(Path.of("monitor.yml"), yaml.getBytes(StandardCharsets.UTF_8));
  }

  static Inventory parse(Path file, String yaml) throws InventoryException {
    return LOADER.parse(file, yaml.getBytes(StandardCharsets.UTF_8));
  }

  /** The problems of a file that must be rejected. */
  static List<Problem> problems(String yaml) {
    InventoryException[] caught = new InventoryException[1];
    assertThatThrownBy(
            () -> {
              try {
                parse(yaml);
              } catch (InventoryException e) {
                caught[0] = e;
                throw e;
              }
            })
        .isInstanceOf(InventoryException.class);
    return caught[0].problems();
  }
}
