package io.netpool.monitor.state;

import java.util.Objects;
import java.util.function.Consumer;

/** Writes state changes into a JSON lines output, between the results ({@link StateEventJson}). */
public final class StateJsonLines implements StateListener {
  private final Consumer<String> out;

  /**
   * @param out takes one JSON object (e.g. {@code JsonLinesSink::acceptJson}); must not block
   */
  public StateJsonLines(Consumer<String> out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public void lineChanged(StateChange change) {
    out.accept(StateEventJson.toJson(change, 0));
  }

  @Override
  public void routerChanged(RouterChange change) {
    out.accept(StateEventJson.toJson(change, 0));
  }
}
