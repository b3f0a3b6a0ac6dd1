package io.netpool.monitor.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.monitor.engine.TestInventory;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceSelectionTest {
  private static DeviceSpec device(String id, Map<String, String> tags) {
    DeviceSpec d = TestInventory.fakeDevice(id, 0);
    return new DeviceSpec(
        d.id(),
        d.host(),
        d.port(),
        d.platform(),
        d.protocol(),
        d.username(),
        d.password(),
        d.enableSecret(),
        d.privateKey(),
        d.maxSessions(),
        d.hostKey(),
        tags);
  }

  private static final Inventory INVENTORY =
      TestInventory.create()
          .add(device("bj-edge1", Map.of("site", "bj", "role", "edge")))
          .add(device("sh-core1", Map.of("site", "sh", "lab", "")))
          .add(device("bj-core1", Map.of("site", "bj")))
          .build();

  private static List<String> ids(List<DeviceSpec> devices) {
    return devices.stream().map(DeviceSpec::id).toList();
  }

  @Test
  void idsComeBackInInventoryOrderWithoutDuplicates() {
    assertThat(ids(DeviceSelection.byIds(INVENTORY, List.of("bj-core1", "bj-edge1", "bj-core1"))))
        .containsExactly("bj-edge1", "bj-core1");
  }

  @Test
  void unknownIdsAreAllNamedWithTheirCloseMatches() {
    assertThatThrownBy(() -> DeviceSelection.byIds(INVENTORY, List.of("bj-edge2", "zz", "sh")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no device 'bj-edge2' in test-monitor.yml; did you mean 'bj-edge1'")
        .hasMessageContaining("no device 'zz' in test-monitor.yml\n")
        .hasMessageContaining("no device 'sh' in test-monitor.yml; did you mean 'sh-core1'?");
  }

  @Test
  void tagsMatchByKeyOrKeyAndValueAndAllMustHold() {
    assertThat(ids(DeviceSelection.byTags(INVENTORY, List.of("site=bj"))))
        .containsExactly("bj-edge1", "bj-core1");
    assertThat(ids(DeviceSelection.byTags(INVENTORY, List.of("lab")))).containsExactly("sh-core1");
    assertThat(ids(DeviceSelection.byTags(INVENTORY, List.of("site")))).hasSize(3);
    assertThat(ids(DeviceSelection.byTags(INVENTORY, List.of("site=bj", "role=edge"))))
        .containsExactly("bj-edge1");
    assertThatThrownBy(() -> DeviceSelection.byTags(INVENTORY, List.of("site=bj", "lab")))
        .hasMessageContaining("all of the tags site=bj, lab")
        .hasMessageContaining("tag keys in the inventory: lab, role, site");
  }
}
