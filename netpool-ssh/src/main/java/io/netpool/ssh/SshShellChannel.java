package io.netpool.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link CliChannel} over one authenticated SSH session: a shell channel with a vt100 PTY. */
final class SshShellChannel implements CliChannel {
  private static final Logger log = LoggerFactory.getLogger(SshShellChannel.class);
  private static final int PTY_COLUMNS = 511;
  private static final int PTY_ROWS = 24;

  private final String deviceId;
  private final ClientSession session;
  private final SshTransport transport;
  private volatile ChannelShell channel;

  SshShellChannel(String deviceId, ClientSession session, SshTransport transport) {
    this.deviceId = deviceId;
    this.session = session;
    this.transport = transport;
  }

  @Override
  public String transport() {
    return "ssh";
  }

  @Override
  public void open(ShellIo io, long deadlineNanos) throws IOException {
    PtyChannelConfiguration pty = new PtyChannelConfiguration();
    pty.setPtyType("vt100");
    pty.setPtyColumns(PTY_COLUMNS);
    pty.setPtyLines(PTY_ROWS);
    ChannelShell ch = session.createShellChannel(pty, Map.of());
    channel = ch;
    OutputStream sink = io.sink();
    ch.setOut(sink);
    ch.setErr(sink);
    ch.addChannelListener(
        new ChannelListener() {
          @Override
          public void channelClosed(Channel c, Throwable reason) {
            io.peerClosed();
          }
        });
    ch.open().verify(SshTransport.remaining(deadlineNanos));
    io.connect(ch.getInvertedIn());
  }

  @Override
  public void login(ShellIo io, ShellPrompt prompts, long deadlineNanos) {
    // the SSH authentication was the login
  }

  @Override
  public void keepAlive(Duration timeout) throws IOException {
    transport.keepAlive(session, timeout);
  }

  @Override
  public boolean isOpen() {
    ChannelShell ch = channel;
    return ch != null && ch.isOpen() && !ch.isClosing() && session.isOpen() && !session.isClosing();
  }

  @Override
  public void close() {
    try {
      ChannelShell ch = channel;
      if (ch != null) {
        ch.close(true);
      }
    } catch (RuntimeException e) {
      log.debug("closing shell of {}", deviceId, e);
    }
    try {
      session.close(true);
    } catch (RuntimeException e) {
      log.debug("closing session of {}", deviceId, e);
    }
  }
}
