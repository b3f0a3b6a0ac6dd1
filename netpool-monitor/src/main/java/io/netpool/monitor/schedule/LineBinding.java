package io.netpool.monitor.schedule;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;

/** A line and the router that runs its checks, one value swapped as a whole on reload. */
final class LineBinding {
  final LineSpec line;
  final DeviceSpec router;

  LineBinding(LineSpec line, DeviceSpec router) {
    this.line = line;
    this.router = router;
  }
}
