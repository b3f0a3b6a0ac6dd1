package io.netpool.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records every pool event, in delivery order, for assertions. */
final class RecordingListener implements PoolListener {

  /** One delivered event: its method name, device id and payload (or null). */
  record Event(String type, String device, Object detail) {}

  /** Payload of {@code leakSuspected}. */
  record Leak(Duration held, Throwable acquiredAt) {}

  final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

  private void add(String type, Device device, Object detail) {
    events.add(new Event(type, device.id(), detail));
  }

  List<Event> of(String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }

  List<Event> of(String type, String device) {
    return events.stream().filter(e -> e.type().equals(type) && e.device().equals(device)).toList();
  }

  long count(String type) {
    return of(type).size();
  }

  long count(String type, String device) {
    return of(type, device).size();
  }

  @Override
  public void sessionCreated(Device device, Protocol protocol, Duration took) {
    add("sessionCreated", device, took);
  }

  @Override
  public void sessionCreateFailed(Device device, Protocol protocol, Throwable cause) {
    add("sessionCreateFailed", device, cause);
  }

  @Override
  public void sessionCreateTimedOut(Device device, Protocol protocol, Duration timeout) {
    add("sessionCreateTimedOut", device, timeout);
  }

  @Override
  public void sessionAcquired(Device device, Protocol protocol, Duration waited) {
    add("sessionAcquired", device, waited);
  }

  @Override
  public void acquireFailed(Device device, Protocol protocol, PoolException failure) {
    add("acquireFailed", device, failure);
  }

  @Override
  public void sessionReturned(Device device, Protocol protocol, Duration held) {
    add("sessionReturned", device, held);
  }

  @Override
  public void sessionInvalidated(Device device, Protocol protocol, Throwable cause) {
    add("sessionInvalidated", device, cause);
  }

  @Override
  public void sessionEvicted(Device device, Protocol protocol, EvictionReason reason) {
    add("sessionEvicted", device, reason);
  }

  @Override
  public void sessionClosed(Device device, Protocol protocol) {
    add("sessionClosed", device, null);
  }

  @Override
  public void healthCheckFailed(Device device, Protocol protocol, Throwable cause) {
    add("healthCheckFailed", device, cause);
  }

  @Override
  public void leakSuspected(Device device, Protocol protocol, Duration held, Throwable acquiredAt) {
    add("leakSuspected", device, new Leak(held, acquiredAt));
  }

  @Override
  public void rebuildQueued(Device device, Protocol protocol) {
    add("rebuildQueued", device, null);
  }

  @Override
  public void rebuildDone(Device device, Protocol protocol, boolean replaced) {
    add("rebuildDone", device, replaced);
  }

  @Override
  public void circuitOpened(Device device, Protocol protocol, int failures) {
    add("circuitOpened", device, failures);
  }

  @Override
  public void circuitClosed(Device device, Protocol protocol) {
    add("circuitClosed", device, null);
  }
}
