package io.netpool.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The waiting part of {@code acquireAsync}: a blocking acquire run on a worker (virtual) thread,
 * which completes the caller's future. Cancelling the future interrupts that wait; a lease that
 * arrives after the cancellation goes straight back.
 */
final class BackgroundAcquire {
  /** The blocking acquire to run. */
  interface Acquire<D extends ProtocolDriver> {
    Lease<D> call() throws InterruptedException;
  }

  private BackgroundAcquire() {}

  /**
   * @param poolClosed whether an interrupted wait was ended by the pool's close (the future then
   *     fails with {@code closedError}) rather than by a cancellation
   * @throws java.util.concurrent.RejectedExecutionException {@code io} takes no more tasks
   */
  static <D extends ProtocolDriver> void start(
      Executor io,
      CompletableFuture<Lease<D>> future,
      Acquire<D> acquire,
      BooleanSupplier poolClosed,
      Supplier<PoolException> closedError) {
    AtomicReference<Thread> waiter = new AtomicReference<>();
    io.execute(
        () -> {
          waiter.set(Thread.currentThread());
          try {
            if (future.isDone()) {
              return;
            }
            Lease<D> lease = acquire.call();
            if (!future.complete(lease)) {
              lease.close(); // the caller cancelled meanwhile
            }
          } catch (InterruptedException e) {
            if (poolClosed.getAsBoolean()) {
              future.completeExceptionally(closedError.get());
            } else {
              future.cancel(false);
            }
          } catch (Throwable t) {
            future.completeExceptionally(t);
          }
        });
    future.whenComplete(
        (l, e) -> {
          Thread t = waiter.get();
          if (future.isCancelled() && t != null) {
            t.interrupt();
          }
        });
  }
}
