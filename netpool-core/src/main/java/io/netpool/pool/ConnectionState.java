package io.netpool.pool;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of one pooled session. Every change of state is a compare-and-set from one state to
 * another, and only the pairs listed in {@link #canMoveTo} are legal. A session is born IDLE (made
 * for the pool) or ACQUIRED (made for a waiting borrower and handed over directly).
 *
 * <pre>
 *   IDLE ------> ACQUIRED ------> IDLE           borrow, return
 *   IDLE ------> CHECKING ------> IDLE           health check by housekeeping
 *   ACQUIRED --> CHECKING ------> ACQUIRED       validation before lending a long-idle session
 *   ACQUIRED --> REBUILDING                      invalidated, lifetime/use limit reached on return
 *   CHECKING --> REBUILDING                      check failed or timed out
 *   REBUILDING -> CLOSING                        rebuild worker closes it, then creates a successor
 *   IDLE|ACQUIRED|CHECKING -> CLOSING            evicted, pool closing
 *   CLOSING ---> CLOSED                          driver closed, permits returned
 * </pre>
 */
public enum ConnectionState {
  IDLE,
  ACQUIRED,
  CHECKING,
  REBUILDING,
  CLOSING,
  CLOSED;

  private static final ConnectionState[] VALUES = values();
  private static final boolean[][] LEGAL = new boolean[VALUES.length][VALUES.length];

  static {
    allow(IDLE, ACQUIRED, CHECKING, CLOSING);
    allow(ACQUIRED, IDLE, CHECKING, REBUILDING, CLOSING);
    allow(CHECKING, IDLE, ACQUIRED, REBUILDING, CLOSING);
    allow(REBUILDING, CLOSING);
    allow(CLOSING, CLOSED);
  }

  private static void allow(ConnectionState from, ConnectionState... to) {
    for (ConnectionState t : to) {
      LEGAL[from.ordinal()][t.ordinal()] = true;
    }
  }

  /** True when a session may move from this state to {@code next}. */
  public boolean canMoveTo(ConnectionState next) {
    return LEGAL[ordinal()][next.ordinal()];
  }

  /** The states reachable in one step from this one. */
  public Set<ConnectionState> successors() {
    EnumSet<ConnectionState> out = EnumSet.noneOf(ConnectionState.class);
    for (ConnectionState s : VALUES) {
      if (canMoveTo(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** True for CLOSED, the only state with no way out. */
  public boolean isTerminal() {
    return this == CLOSED;
  }

  static ConnectionState byOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
