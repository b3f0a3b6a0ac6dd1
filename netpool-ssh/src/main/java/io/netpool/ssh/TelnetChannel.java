package io.netpool.ssh;

import io.netpool.pool.Device;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.apache.commons.net.telnet.EchoOptionHandler;
import org.apache.commons.net.telnet.InvalidTelnetOptionException;
import org.apache.commons.net.telnet.SuppressGAOptionHandler;
import org.apache.commons.net.telnet.TelnetClient;
import org.apache.commons.net.telnet.TerminalTypeOptionHandler;
import org.apache.commons.net.telnet.WindowSizeOptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CliChannel} over Telnet (Apache Commons Net {@link TelnetClient}): the device echoes (we
 * accept its WILL ECHO), go-aheads are suppressed, and we announce a vt100 terminal of 511 columns,
 * as the SSH shell's PTY does. One virtual thread per connection moves the device's output (option
 * negotiation already stripped by the client) into the driver's {@link ShellIo}.
 */
final class TelnetChannel implements CliChannel {
  private static final Logger log = LoggerFactory.getLogger(TelnetChannel.class);
  private static final int COLUMNS = 511;
  private static final int ROWS = 24;

  private final Device device;
  private final int port;
  private final Duration connectTimeout;
  private final TelnetClient client = new TelnetClient("VT100");
  private volatile boolean peerGone;

  TelnetChannel(Device device, int port, Duration connectTimeout) {
    this.device = device;
    this.port = port;
    this.connectTimeout = connectTimeout;
  }

  @Override
  public String transport() {
    return "telnet";
  }

  @Override
  public void open(ShellIo io, long deadlineNanos) throws IOException {
    try {
      client.addOptionHandler(new TerminalTypeOptionHandler("VT100", false, false, true, false));
      client.addOptionHandler(new EchoOptionHandler(false, false, false, true));
      client.addOptionHandler(new SuppressGAOptionHandler(true, true, true, true));
      client.addOptionHandler(new WindowSizeOptionHandler(COLUMNS, ROWS, true, false, true, false));
    } catch (InvalidTelnetOptionException e) {
      throw new IllegalStateException("telnet option handlers", e);
    }
    // Our own thread reads (below); the client's reader thread would be a second one per session.
    client.setReaderThread(false);
    Duration left = SshTransport.remaining(deadlineNanos);
    client.setConnectTimeout(
        (int) Math.max(1, Math.min(connectTimeout.toMillis(), left.toMillis())));
    try {
      client.connect(device.host(), port);
    } catch (IOException e) {
      throw new IOException(
          "device "
              + device.id()
              + ": cannot connect to "
              + device.host()
              + ":"
              + port
              + " (telnet): "
              + e.getMessage(),
          e);
    }
    io.connect(client.getOutputStream());
    InputStream in = client.getInputStream();
    OutputStream sink = io.sink();
    Thread.ofVirtual()
        .name("telnet-" + device.id())
        .start(
            () -> {
              byte[] chunk = new byte[8192];
              try {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                  if (n > 0) {
                    sink.write(chunk, 0, n);
                  }
                }
              } catch (IOException e) {
                log.debug("device {}: telnet connection ended: {}", device.id(), e.toString());
              } finally {
                peerGone = true;
                io.peerClosed();
              }
            });
  }

  @Override
  public void login(ShellIo io, ShellPrompt prompts, long deadlineNanos) throws IOException {
    new TelnetLogin(device, io, prompts).run(deadlineNanos);
  }

  @Override
  public void keepAlive(Duration timeout) {
    // Telnet has no probe every device answers cleanly; the health check's empty line is the probe.
  }

  @Override
  public boolean isOpen() {
    return !peerGone && client.isConnected();
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect();
      }
    } catch (IOException | RuntimeException e) {
      log.debug("closing telnet connection of {}", device.id(), e);
    }
  }
}
