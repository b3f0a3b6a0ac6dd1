package io.netpool.ssh;

import io.netpool.pool.Device;
import io.netpool.pool.Protocol;
import io.netpool.pool.ProtocolDriver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protocol {@code ssh}: one authenticated SSH session, each {@link #exec} in a new exec channel on
 * it, so the session serves any number of commands (one at a time: a lease has one holder).
 */
public final class ExecDriver implements ProtocolDriver {
  private static final Logger log = LoggerFactory.getLogger(ExecDriver.class);

  private final Device device;
  private final ClientSession session;
  private final SshTransport transport;
  private final Transcript transcript;
  private final int maxOutputBytes;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong commands = new AtomicLong();

  ExecDriver(
      Device device,
      ClientSession session,
      SshTransport transport,
      Transcript transcript,
      int maxOutputBytes) {
    this.device = device;
    this.session = session;
    this.transport = transport;
    this.transcript = transcript;
    this.maxOutputBytes = maxOutputBytes;
  }

  @Override
  public Protocol protocol() {
    return Protocol.SSH;
  }

  /** The device this session is open to. */
  public Device device() {
    return device;
  }

  /** Commands run on this session so far. */
  public long commandCount() {
    return commands.get();
  }

  /**
   * Runs {@code command} in a new exec channel and waits for it to finish.
   *
   * @throws CommandTimeoutException the command did not finish within {@code timeout}; its channel
   *     was closed. Invalidate the lease.
   * @throws IOException the channel could not be opened (session gone: invalidate the lease)
   */
  public ExecResult exec(String command, Duration timeout) throws IOException {
    if (!isOpen()) {
      throw new IOException("device " + device.id() + ": session is closed");
    }
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    commands.incrementAndGet();
    Bounded out = new Bounded(maxOutputBytes);
    Bounded err = new Bounded(maxOutputBytes);
    if (transcript != null) {
      transcript.sent("exec " + command, false);
    }
    ChannelExec channel = session.createExecChannel(command);
    channel.setOut(out);
    channel.setErr(err);
    try {
      try {
        channel.open().verify(SshTransport.remaining(deadline));
      } catch (IOException e) {
        if (System.nanoTime() - deadline >= 0) {
          throw new CommandTimeoutException(
              "device "
                  + device.id()
                  + ": exec channel for '"
                  + command
                  + "' did not open in time");
        }
        throw new IOException(
            "device " + device.id() + ": cannot open exec channel: " + e.getMessage(), e);
      }
      Set<ClientChannelEvent> events =
          channel.waitFor(
              EnumSet.of(ClientChannelEvent.CLOSED), SshTransport.remaining(deadline).toMillis());
      if (!events.contains(ClientChannelEvent.CLOSED)) {
        channel.close(true);
        throw new CommandTimeoutException(
            "device "
                + device.id()
                + ": command '"
                + command
                + "' did not finish within "
                + timeout.toMillis()
                + " ms; its channel was closed");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      ExecResult result =
          new ExecResult(command, out.text(), err.text(), channel.getExitStatus(), took);
      if (transcript != null) {
        transcript.received(
            result.stdout().endsWith("\n") ? result.stdout() : result.stdout() + "\n");
        if (!result.stderr().isEmpty()) {
          transcript.note("stderr: " + result.stderr().strip());
        }
        transcript.note("exit status " + result.exitStatus());
      }
      return result;
    } finally {
      if (channel.isOpen()) {
        channel.close(true);
      }
    }
  }

  /** SSH-level keep-alive: a global request answered by the server within {@code timeout}. */
  public void keepAlive(Duration timeout) throws IOException {
    transport.keepAlive(session, timeout);
  }

  @Override
  public boolean isOpen() {
    return !closed.get() && session.isOpen() && !session.isClosing();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        session.close(true);
      } catch (RuntimeException e) {
        log.debug("closing session of {}", device.id(), e);
      }
      if (transcript != null) {
        transcript.close();
      }
    }
  }

  @Override
  public String toString() {
    return "ExecDriver[" + device.id() + " " + (isOpen() ? "open" : "closed") + "]";
  }

  /** Collects output up to a limit; beyond it the extra bytes are dropped and marked. */
  private static final class Bounded extends OutputStream {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final int limit;
    private boolean truncated;

    Bounded(int limit) {
      this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
      if (buf.size() < limit) {
        buf.write(b);
      } else {
        truncated = true;
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int room = Math.max(0, limit - buf.size());
      buf.write(b, off, Math.min(room, len));
      truncated |= len > room;
    }

    synchronized String text() {
      String s = buf.toString(StandardCharsets.UTF_8);
      return truncated ? s + "\n[output truncated at " + limit + " bytes]" : s;
    }
  }
}
