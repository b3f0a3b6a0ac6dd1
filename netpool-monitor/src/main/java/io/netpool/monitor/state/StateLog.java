package io.netpool.monitor.state;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs state changes: a router that cannot be used at WARN, once, naming how many lines it has; the
 * lines that become unknown because of it at DEBUG (the router's line is the one problem); every
 * other line change at INFO, a line going down, unknown or flapping at WARN.
 */
public final class StateLog implements StateListener {
  private static final Logger log = LoggerFactory.getLogger("io.netpool.monitor.state");

  @Override
  public void lineChanged(StateChange c) {
    String text = "line {}: {} -> {} ({})";
    Object[] args = {c.lineId(), c.from().wireName(), c.to().wireName(), c.cause()};
    if (c.byRouter()) {
      log.debug(text, args);
    } else if (c.to() == LineCondition.UP || c.to() == LineCondition.DEGRADED) {
      log.info(text, args);
    } else {
      log.warn(text, args);
    }
  }

  @Override
  public void routerChanged(RouterChange c) {
    if (c.failed()) {
      log.warn(
          "router {} cannot be used: {}; its {} line(s) are unknown until it can",
          c.routerId(),
          c.failure().wireName(),
          c.lines());
    } else {
      log.info("router {} can be used again", c.routerId());
    }
  }
}
