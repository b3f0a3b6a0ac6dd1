package io.netpool.pool;

import static io.netpool.pool.ConnectionState.ACQUIRED;
import static io.netpool.pool.ConnectionState.CHECKING;
import static io.netpool.pool.ConnectionState.CLOSED;
import static io.netpool.pool.ConnectionState.CLOSING;
import static io.netpool.pool.ConnectionState.IDLE;
import static io.netpool.pool.ConnectionState.REBUILDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionStateTest {

  /**
   * The legal transitions, written out: row = from, column = to, in declaration order IDLE,
   * ACQUIRED, CHECKING, REBUILDING, CLOSING, CLOSED. 'X' = legal, '.' = illegal.
   */
  private static final String[] EXPECTED = {
    //        I A C R G D
    /* IDLE       */ ". X X . X .",
    /* ACQUIRED   */ "X . X X X .",
    /* CHECKING   */ "X X . X X .",
    /* REBUILDING */ ". . . . X .",
    /* CLOSING    */ ". . . . . X",
    /* CLOSED     */ ". . . . . .",
  };

  private static final ConnectionState[] ORDER = {
    IDLE, ACQUIRED, CHECKING, REBUILDING, CLOSING, CLOSED
  };

  private static boolean expected(ConnectionState from, ConnectionState to) {
    String row = EXPECTED[indexOf(from)].replace(" ", "");
    return row.charAt(indexOf(to)) == 'X';
  }

  private static int indexOf(ConnectionState s) {
    for (int i = 0; i < ORDER.length; i++) {
      if (ORDER[i] == s) {
        return i;
      }
    }
    throw new AssertionError(s);
  }

  private static PooledSession session(ConnectionState initial) {
    Device d = Device.of("r1", "10.0.0.1", "cisco_iosxe");
    return new PooledSession(
        1, null, d, new FakeDriver(Protocol.SSH, d, 1), 0, initial, 0L, Long.MAX_VALUE);
  }

  @Test
  void theTableCoversEveryState() {
    assertThat(ConnectionState.values()).containsExactly(ORDER);
  }

  @Test
  void everyOneOfThe36PairsIsLegalExactlyWhenTheTableSaysSo() {
    int legal = 0;
    for (ConnectionState from : ORDER) {
      for (ConnectionState to : ORDER) {
        assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(expected(from, to));
        if (expected(from, to)) {
          legal++;
        }
      }
    }
    assertThat(legal).isEqualTo(13);
  }

  @Test
  void successorsMatchTheTable() {
    for (ConnectionState from : ORDER) {
      EnumSet<ConnectionState> want = EnumSet.noneOf(ConnectionState.class);
      for (ConnectionState to : ORDER) {
        if (expected(from, to)) {
          want.add(to);
        }
      }
      assertThat(from.successors()).as("successors of %s", from).isEqualTo(want);
    }
  }

  @Test
  void closedIsTheOnlyTerminalStateAndHasNoWayOut() {
    for (ConnectionState s : ORDER) {
      assertThat(s.isTerminal()).as("%s terminal", s).isEqualTo(s == CLOSED);
      if (s != CLOSED) {
        assertThat(s.successors()).as("%s has a way out", s).isNotEmpty();
      }
    }
    assertThat(CLOSED.successors()).isEmpty();
    for (ConnectionState to : ORDER) {
      assertThat(CLOSED.canMoveTo(to)).isFalse();
    }
  }

  @Test
  void moveToPerformsEveryLegalTransitionFromTheRightState() {
    for (ConnectionState from : ORDER) {
      for (ConnectionState to : ORDER) {
        if (!expected(from, to)) {
          continue;
        }
        PooledSession s = session(from);
        assertThat(s.moveTo(from, to)).as("%s -> %s", from, to).isTrue();
        assertThat(s.state()).isEqualTo(to);
        assertThat(s.is(to)).isTrue();
      }
    }
  }

  @Test
  void moveToWithAWrongFromReturnsFalseAndLeavesTheStateAlone() {
    for (ConnectionState actual : ORDER) {
      for (ConnectionState from : ORDER) {
        if (from == actual) {
          continue;
        }
        for (ConnectionState to : ORDER) {
          if (!expected(from, to)) {
            continue;
          }
          PooledSession s = session(actual);
          assertThat(s.moveTo(from, to))
              .as("session in %s asked %s -> %s", actual, from, to)
              .isFalse();
          assertThat(s.state()).isEqualTo(actual);
        }
      }
    }
  }

  @Test
  void moveToAnIllegalPairThrowsEvenWhenTheSessionIsInFrom() {
    for (ConnectionState from : ORDER) {
      for (ConnectionState to : ORDER) {
        if (expected(from, to)) {
          continue;
        }
        PooledSession s = session(from);
        assertThatThrownBy(() -> s.moveTo(from, to))
            .as("%s -> %s", from, to)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(from.name())
            .hasMessageContaining(to.name());
        assertThat(s.state()).isEqualTo(from);
      }
    }
  }

  @Test
  void tryClaimOnlyTakesAnIdleSession() {
    for (ConnectionState s : ORDER) {
      PooledSession session = session(s);
      assertThat(session.tryClaim()).as("claim from %s", s).isEqualTo(s == IDLE);
      assertThat(session.state()).isEqualTo(s == IDLE ? ACQUIRED : s);
    }
  }

  @Test
  void twoThreadsRacingTheSameMoveHaveExactlyOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 2_000; i++) {
        PooledSession s = session(IDLE);
        CountDownLatch start = new CountDownLatch(1);
        // Alternate between both racing the same move and racing two different moves out of IDLE.
        ConnectionState second = i % 2 == 0 ? ACQUIRED : CLOSING;
        Future<Boolean> a =
            pool.submit(
                () -> {
                  start.await();
                  return s.moveTo(IDLE, ACQUIRED);
                });
        Future<Boolean> b =
            pool.submit(
                () -> {
                  start.await();
                  return s.moveTo(IDLE, second);
                });
        start.countDown();
        boolean wonA = a.get(5, TimeUnit.SECONDS);
        boolean wonB = b.get(5, TimeUnit.SECONDS);
        assertThat(wonA ^ wonB).as("iteration %d: exactly one winner", i).isTrue();
        assertThat(s.state()).isEqualTo(wonA ? ACQUIRED : second);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
