package io.netpool.ssh;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH connections to jump hosts, one per hop chain, shared by every device session behind it. A
 * device session reaches its device through a local port forward ({@code direct-tcpip} channels) of
 * the last hop's connection; hop 2 is itself reached through a forward of hop 1, and so on.
 *
 * <p>Life of a hop connection: made lazily by the first session that needs it (one login, however
 * many wait for it); reused while open (MINA's heartbeat closes it after missed keep-alive replies,
 * and a closed connection is never handed out again: the next user makes a new one); closed when
 * the last session using it closes. Concurrency: no lock at all; a hop is found in a concurrent
 * map, its connection is a future completed by the one thread that logs in (outside any map
 * operation), and its user count retires it atomically at zero (docs/concurrency.md, "Jump hosts").
 */
final class Bastions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Bastions.class);
  private static final int RETIRED = Integer.MIN_VALUE;

  /** How a hop logs in: {@link SshTransport}'s login, directly or through {@code via}. */
  interface Login {
    ClientSession open(
        String who, JumpHost bastion, SshOptions options, SshdSocketAddress via, long deadline)
        throws IOException;
  }

  /** A hop connection is identified by the whole chain up to it and the known_hosts file. */
  record HopKey(List<JumpHost> chain, Path knownHostsFile) {
    JumpHost last() {
      return chain.get(chain.size() - 1);
    }

    String describe() {
      JumpHost b = last();
      return "jump host "
          + b.id()
          + " (hop "
          + chain.size()
          + (chain.size() > 1 ? ", via " + ids(chain.subList(0, chain.size() - 1)) : "")
          + ")";
    }
  }

  /** A way to one target through a chain: connect to {@link #local()}; release when done. */
  static final class Route {
    private final SshdSocketAddress local;
    private final Hop hop;
    private final AtomicBoolean released = new AtomicBoolean();

    private Route(SshdSocketAddress local, Hop hop) {
      this.local = local;
      this.hop = hop;
    }

    SshdSocketAddress local() {
      return local;
    }

    /** Gives the hop connection back; idempotent. */
    void release() {
      if (released.compareAndSet(false, true)) {
        hop.release();
      }
    }
  }

  private final Login login;
  private final ConcurrentHashMap<HopKey, Hop> hops = new ConcurrentHashMap<>();

  Bastions(Login login) {
    this.login = login;
  }

  /**
   * A route to {@code host:port} through {@code chain}, holding one use of the last hop's
   * connection until {@link Route#release()}.
   *
   * @throws JumpHostException a hop could not be reached, logged into, or could not forward
   */
  Route route(List<JumpHost> chain, SshOptions options, String host, int port, long deadline)
      throws IOException {
    HopKey key = new HopKey(List.copyOf(chain), options.knownHostsFile());
    Hop hop = acquire(key, options, deadline);
    try {
      return new Route(hop.forward(host, port, deadline), hop);
    } catch (IOException e) {
      hop.release();
      throw new JumpHostException(
          key.describe() + ": cannot forward to " + host + ":" + port + ": " + e.getMessage(),
          key.last().id(),
          chain.size(),
          e);
    }
  }

  /** The number of open hop connections (for tests and status). */
  int openConnections() {
    return (int) hops.values().stream().filter(Hop::isOpen).count();
  }

  @Override
  public void close() {
    for (Hop hop : hops.values()) {
      hop.closeNow();
    }
    hops.clear();
  }

  /** A hop with one use taken, its connection open. */
  private Hop acquire(HopKey key, SshOptions options, long deadline) throws IOException {
    while (true) {
      Hop hop = hops.computeIfAbsent(key, Hop::new);
      if (!hop.tryUse()) {
        hops.remove(key, hop); // retired at zero users: make a new one
        continue;
      }
      ClientSession session;
      try {
        session = hop.session(() -> open(key, options, deadline), deadline);
      } catch (IOException | RuntimeException e) {
        hops.remove(key, hop); // a failed login is not cached: the next user tries again
        hop.release();
        throw e;
      }
      if (session.isOpen() && !session.isClosing()) {
        return hop;
      }
      // died since (bastion restarted, heartbeat missed): forget it and make a new one
      log.info("{}: connection closed, reconnecting", key.describe());
      hops.remove(key, hop);
      hop.release();
      if (System.nanoTime() - deadline > 0) {
        throw new JumpHostException(
            key.describe() + ": connection closed and no time left to reconnect",
            key.last().id(),
            key.chain().size(),
            null);
      }
    }
  }

  /** Logs in to the last hop of {@code key}, through the hops before it. */
  private ClientSession open(HopKey key, SshOptions deviceOptions, long deadline)
      throws IOException {
    JumpHost bastion = key.last();
    int n = key.chain().size();
    // A bastion's own policy is its host-key mode; it never inherits a device's algorithm or
    // transcript settings.
    SshOptions o =
        deviceOptions
            .withHostKeyMode(bastion.hostKeyMode())
            .withLegacyAlgorithms(false)
            .withTranscriptFile(null);
    Route via =
        n == 1
            ? null
            : route(key.chain().subList(0, n - 1), o, bastion.host(), bastion.port(), deadline);
    try {
      ClientSession s =
          login.open(key.describe(), bastion, o, via == null ? null : via.local(), deadline);
      if (via != null) {
        s.addCloseFutureListener(f -> via.release());
      }
      log.info("{}: connected to {}:{}", key.describe(), bastion.host(), bastion.port());
      return s;
    } catch (IOException e) {
      if (via != null) {
        via.release();
      }
      throw e instanceof JumpHostException
          ? e
          : new JumpHostException(e.getMessage(), bastion.id(), n, e);
    }
  }

  private static String ids(List<JumpHost> chain) {
    return chain.stream().map(JumpHost::id).collect(Collectors.joining(" -> "));
  }

  private static <T> T await(CompletableFuture<T> f, long deadline, String what)
      throws IOException {
    try {
      return f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + what);
    } catch (TimeoutException e) {
      throw new IOException("timed out waiting for " + what, e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(c);
    }
  }

  /** Opens a connection; the one I/O a hop does outside its users' threads' waiting. */
  private interface Opener {
    ClientSession open() throws IOException;
  }

  /** One hop connection: its future session, its users and its port forwards. */
  private final class Hop {
    private final HopKey key;
    private final CompletableFuture<ClientSession> session = new CompletableFuture<>();
    private final AtomicBoolean opening = new AtomicBoolean();
    private final AtomicInteger users = new AtomicInteger();
    private final ConcurrentHashMap<String, CompletableFuture<SshdSocketAddress>> forwards =
        new ConcurrentHashMap<>();

    Hop(HopKey key) {
      this.key = key;
    }

    boolean tryUse() {
      while (true) {
        int u = users.get();
        if (u == RETIRED) {
          return false;
        }
        if (users.compareAndSet(u, u + 1)) {
          return true;
        }
      }
    }

    /** One use less; the last one closes the connection (nobody can take a use after that). */
    void release() {
      if (users.decrementAndGet() == 0 && users.compareAndSet(0, RETIRED)) {
        hops.remove(key, this);
        closeNow();
      }
    }

    ClientSession session(Opener opener, long deadline) throws IOException {
      if (opening.compareAndSet(false, true)) {
        try {
          ClientSession s = opener.open();
          // a connection that dies is forgotten at once, so no user finds it again
          s.addCloseFutureListener(f -> hops.remove(key, this));
          session.complete(s);
        } catch (IOException | RuntimeException e) {
          session.completeExceptionally(e);
        }
      }
      return await(session, deadline, key.describe());
    }

    SshdSocketAddress forward(String host, int port, long deadline) throws IOException {
      String target = host + ":" + port;
      CompletableFuture<SshdSocketAddress> mine = new CompletableFuture<>();
      CompletableFuture<SshdSocketAddress> f = forwards.putIfAbsent(target, mine);
      if (f == null) {
        f = mine;
        try {
          // one loopback listener per target; each device connection to it is a direct-tcpip
          // channel of this hop's connection
          SshdSocketAddress local =
              session
                  .getNow(null)
                  .startLocalPortForwarding(
                      new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress(host, port));
          mine.complete(local);
        } catch (IOException | RuntimeException e) {
          forwards.remove(target, mine);
          mine.completeExceptionally(e);
        }
      }
      return await(f, deadline, "port forward to " + target);
    }

    boolean isOpen() {
      ClientSession s = session.getNow(null);
      return s != null && s.isOpen();
    }

    void closeNow() {
      ClientSession s =
          session.isDone() && !session.isCompletedExceptionally() ? session.join() : null;
      if (s != null) {
        s.close(false);
      }
    }
  }
}
