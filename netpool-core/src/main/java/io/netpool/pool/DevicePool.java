package io.netpool.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A keyed pool of sessions to network devices: sessions are kept per (device id, protocol), capped
 * per device and globally, created in the background and lent one borrower at a time.
 *
 * <p>With the SSH exec sessions of {@code netpool-ssh} ({@code io.netpool.ssh.SshTransport}, {@code
 * ExecFactory}, {@code ExecDriver}, {@code ExecResult}):
 *
 * <pre>{@code
 * try (SshTransport transport = SshTransport.start();
 *     DevicePool pool =
 *         DevicePool.builder().factory(new ExecFactory(transport, SshOptions.defaults())).build()) {
 *   try (Lease<ExecDriver> lease = pool.acquire(device, Protocol.SSH)) {
 *     ExecResult result = lease.driver().exec("show version", Duration.ofSeconds(10));
 *     System.out.println(result.stdout());
 *   }
 * }
 * }</pre>
 *
 * <p>Borrowers never open sessions themselves: they wait, in FIFO order per device and up to their
 * deadline, for a session that is returned or that a background worker created for them. A device
 * whose definition changes (same id, other host, port, platform, cap, session options or
 * credentials; tags do not count) has its old sessions replaced: idle ones close at once, lent ones
 * when returned. All methods are thread-safe and none of them holds a lock while doing I/O.
 */
public interface DevicePool extends AutoCloseable {

  /**
   * Lends a session, waiting up to {@code timeout} for one.
   *
   * @throws AcquireTimeoutException no session within the timeout (says why)
   * @throws DeviceUnavailableException the device's circuit is open
   * @throws PoolClosedException the pool is closed
   * @throws IllegalArgumentException no factory for the protocol
   * @throws InterruptedException the thread was interrupted while waiting
   */
  <D extends ProtocolDriver> Lease<D> acquire(Device device, Protocol protocol, Duration timeout)
      throws InterruptedException;

  /** {@link #acquire(Device, Protocol, Duration)} with {@link PoolConfig#acquireTimeout()}. */
  <D extends ProtocolDriver> Lease<D> acquire(Device device, Protocol protocol)
      throws InterruptedException;

  /**
   * Lends a session without blocking the caller. The future fails with the same exceptions as
   * {@link #acquire}. Cancelling the future gives up the wait; a session that was already assigned
   * is returned to the pool.
   */
  <D extends ProtocolDriver> CompletableFuture<Lease<D>> acquireAsync(
      Device device, Protocol protocol, Duration timeout);

  /** {@link #acquireAsync(Device, Protocol, Duration)} with the default timeout. */
  <D extends ProtocolDriver> CompletableFuture<Lease<D>> acquireAsync(
      Device device, Protocol protocol);

  /** An immutable view of counts and sessions. */
  PoolSnapshot snapshot();

  /**
   * Soft-evicts every session of the device, for all protocols: idle ones close now, lent ones when
   * returned. Later acquires get new sessions.
   */
  void evict(Device device);

  /** The settings the pool was built with. */
  PoolConfig config();

  /**
   * The most sessions this pool keeps to {@code device} per protocol (lent, idle, being checked or
   * closed, and creations in flight): {@link PoolConfig#maxSessionsPerDevice()}, lowered by {@link
   * Device#maxSessions()} when the device sets its own cap. Computed from this definition of the
   * device; it needs no session and no earlier acquire.
   *
   * @throws NullPointerException if {@code device} is null
   */
  int effectiveCap(Device device);

  /**
   * Closes the pool gracefully: new acquires and all waiters fail with {@link PoolClosedException},
   * idle sessions close, leases get up to {@link PoolConfig#closeGracePeriod()} to come back, then
   * the remaining sessions are closed. Returns when every pool thread has ended. Calling it again
   * is a no-op.
   */
  @Override
  void close();

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DevicePool}. */
  final class Builder {
    private PoolConfig config = PoolConfig.defaults();
    private final List<ProtocolFactory<?>> factories = new ArrayList<>();
    private final List<PoolListener> listeners = new ArrayList<>();

    private Builder() {}

    public Builder config(PoolConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Registers the factory for its protocol; one factory per protocol. */
    public Builder factory(ProtocolFactory<?> factory) {
      Objects.requireNonNull(factory, "factory");
      Objects.requireNonNull(factory.protocol(), "factory.protocol()");
      for (ProtocolFactory<?> f : factories) {
        if (f.protocol() == factory.protocol()) {
          throw new IllegalArgumentException(
              "a factory for protocol " + factory.protocol() + " is already registered");
        }
      }
      factories.add(factory);
      return this;
    }

    public Builder listener(PoolListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    public DevicePool build() {
      if (factories.isEmpty()) {
        throw new IllegalArgumentException("at least one ProtocolFactory is required");
      }
      return new KeyedDevicePool(config, factories, listeners);
    }
  }
}
