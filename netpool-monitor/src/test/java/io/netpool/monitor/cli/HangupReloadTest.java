package io.netpool.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A HUP during the start is carried out once the monitor runs: never lost, never twice. */
class HangupReloadTest {

  @Test
  void aHangupDuringTheStartReloadsOnceItRuns() {
    HangupReload h = new HangupReload();
    AtomicInteger reloads = new AtomicInteger();
    h.onHangup();
    assertThat(reloads).hasValue(0);
    h.started(reloads::incrementAndGet);
    assertThat(reloads).hasValue(1);
    h.onHangup();
    assertThat(reloads).as("after the start: at once").hasValue(2);
  }

  @Test
  void noHangupNoReload() {
    HangupReload h = new HangupReload();
    AtomicInteger reloads = new AtomicInteger();
    h.started(reloads::incrementAndGet);
    assertThat(reloads).hasValue(0);
  }

  @Test
  void aHangupRacingTheStartIsCarriedOutExactlyOnce() throws Exception {
    for (int round = 0; round < 500; round++) {
      HangupReload h = new HangupReload();
      AtomicInteger reloads = new AtomicInteger();
      CyclicBarrier go = new CyclicBarrier(2);
      CountDownLatch done = new CountDownLatch(1);
      Thread signal =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      go.await(5, TimeUnit.SECONDS);
                      h.onHangup();
                    } catch (Exception e) {
                      throw new AssertionError(e);
                    } finally {
                      done.countDown();
                    }
                  });
      go.await(5, TimeUnit.SECONDS);
      h.started(reloads::incrementAndGet);
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      signal.join(5000);
      assertThat(reloads).as("round %d", round).hasValue(1);
    }
  }
}
