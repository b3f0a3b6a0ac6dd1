package io.netpool.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * The independent client of the tests: MINA's own SshClient, with a shell helper that waits for
 * text on conditions (no sleeps).
 */
final class SimClient implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  final SshClient client;

  SimClient(Simulator sim) {
    client = SshClient.setUpDefaultClient();
    // verify the host key against the simulator's: devices share one key
    client.setServerKeyVerifier((session, remote, key) -> KeyUtils.compareKeys(key, sim.hostKey()));
    client.start();
  }

  ClientSession login(SimulatedDevice d, String user, String password) throws IOException {
    ClientSession s = client.connect(user, d.host(), d.port()).verify(TIMEOUT).getClientSession();
    s.addPasswordIdentity(password);
    s.auth().verify(TIMEOUT);
    return s;
  }

  /** Result of an exec channel. */
  record ExecResult(String output, Integer exitStatus) {}

  ExecResult exec(ClientSession s, String command) throws IOException {
    try (ChannelExec ch = s.createExecChannel(command)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ch.setOut(out);
      ch.setErr(out);
      ch.open().verify(TIMEOUT);
      ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
      return new ExecResult(out.toString(StandardCharsets.UTF_8), ch.getExitStatus());
    }
  }

  Shell shell(ClientSession s, int rows) throws IOException {
    return new Shell(s, rows);
  }

  @Override
  public void close() {
    client.stop();
  }

  /** An interactive shell with a PTY; collects everything the device writes. */
  static final class Shell implements AutoCloseable {
    final ChannelShell channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final StringBuilder buf = new StringBuilder();
    private int mark;
    private final OutputStream in;

    Shell(ClientSession s, int rows) throws IOException {
      channel = s.createShellChannel();
      channel.setPtyLines(rows);
      channel.setPtyColumns(200);
      OutputStream sink =
          new OutputStream() {
            @Override
            public void write(int b) {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
              lock.lock();
              try {
                buf.append(new String(b, off, len, StandardCharsets.ISO_8859_1));
                changed.signalAll();
              } finally {
                lock.unlock();
              }
            }
          };
      channel.setOut(sink);
      channel.setErr(sink);
      channel.open().verify(TIMEOUT);
      in = channel.getInvertedIn();
    }

    /** Waits until the text received since the mark satisfies {@code p}; returns that text. */
    String await(Predicate<String> p, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      lock.lock();
      try {
        while (true) {
          String s = buf.substring(mark);
          if (p.test(s)) {
            return s;
          }
          long left = deadline - System.nanoTime();
          if (left <= 0 || channel.isClosed()) {
            throw new AssertionError("timed out waiting; received so far:\n" + s);
          }
          changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      } finally {
        lock.unlock();
      }
    }

    String awaitEnd(String suffix) {
      return await(s -> s.endsWith(suffix), TIMEOUT);
    }

    /** Everything received since the last mark, then moves the mark to the end. */
    String take() {
      lock.lock();
      try {
        String s = buf.substring(mark);
        mark = buf.length();
        return s;
      } finally {
        lock.unlock();
      }
    }

    void write(String s) throws IOException {
      in.write(s.getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    /** Sends a line and returns the output up to and including {@code prompt}. */
    String send(String line, String prompt) throws IOException {
      take();
      write(line + "\r");
      String s = awaitEnd(prompt);
      take();
      return s.replace("\r\n", "\n");
    }

    boolean closed() {
      return channel.isClosed() || channel.isClosing();
    }

    @Override
    public void close() throws IOException {
      channel.close(true);
    }
  }
}
