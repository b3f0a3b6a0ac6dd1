package io.netpool.sim;

import io.netpool.sim.platform.Platform;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated device's Telnet port: each connection gets the Telnet options a router offers
 * ({@link TelnetStreams#negotiation()}), a login dialog ({@code Username:}/{@code Password:}, or
 * {@code login:} on Junos and Linux; three tries; the simulator's credentials, refused under a
 * {@link Fault.AuthFailure} fault), then the same CLI as the SSH shell ({@link CliSession}). Telnet
 * sessions do not take the device's vty lines in the simulator.
 */
final class TelnetListener implements AutoCloseable {
  private static final int TRIES = 3;

  private final SimulatedDevice device;
  private final ServerSocket server;
  private final AtomicLong accepted = new AtomicLong();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closed = new CountDownLatch(1);

  private TelnetListener(SimulatedDevice device, ServerSocket server) {
    this.device = device;
    this.server = server;
  }

  /** Listens on a free port of {@code address} and serves connections on virtual threads. */
  static TelnetListener start(SimulatedDevice device, InetAddress address) throws IOException {
    TelnetListener l = new TelnetListener(device, new ServerSocket(0, 50, address));
    Thread.ofVirtual().name("sim-telnet-" + device.id()).start(l::acceptLoop);
    return l;
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far. */
  long connections() {
    return accepted.get();
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        accepted.incrementAndGet();
        open.add(s);
        Thread.ofVirtual().name("sim-telnet-" + device.id() + "-session").start(() -> serve(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputReader in = new InputReader(new TelnetStreams.Input(socket.getInputStream()));
      OutputStream out =
          new BufferedOutputStream(new TelnetStreams.Output(socket.getOutputStream()));
      socket.getOutputStream().write(TelnetStreams.negotiation());
      String user = login(in, out);
      if (user == null) {
        return;
      }
      AtomicInteger commands = new AtomicInteger();
      ShellSession session =
          new ShellSession() {
            @Override
            public AtomicInteger commands() {
              return commands;
            }

            @Override
            public String username() {
              return user;
            }

            @Override
            public void close() {
              closeQuietly(socket);
            }
          };
      new CliSession(device, session, in, out, false, 0, closed).runShell();
      out.flush();
    } catch (IOException e) {
      Simulator.LOG.debug("device {} telnet session ended: {}", device.id(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(socket);
    }
  }

  /** The login dialog; returns the user, or null after three failures or at end of input. */
  private String login(InputReader in, OutputStream out) throws IOException {
    boolean unix =
        device.platform() == Platform.JUNIPER_JUNOS || device.platform() == Platform.LINUX;
    Simulator sim = device.simulator();
    print(
        out,
        unix
            ? "\r\n" + device.hostname() + " (ttyp0)\r\n\r\n"
            : "\r\n\r\nUser Access Verification\r\n\r\n");
    for (int i = 0; i < TRIES; i++) {
      print(out, unix ? "login: " : "Username: ");
      String user = line(in, out, true);
      print(out, "Password: ");
      String password = line(in, out, false);
      if (user == null || password == null) {
        return null;
      }
      if (user.equals(sim.username())
          && password.equals(sim.password())
          && device.fault(Fault.AuthFailure.class).isEmpty()) {
        return user;
      }
      print(out, unix ? "Login incorrect\r\n" : "% Authentication failed\r\n\r\n");
    }
    return null;
  }

  /** One line of the login dialog, echoed when {@code echo} (never the password). */
  private static String line(InputReader in, OutputStream out, boolean echo) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c >= 0; c = in.read()) {
      if (c == '\r' || c == '\n') {
        print(out, "\r\n");
        return b.toString();
      }
      if (c >= 0x20 && c != 0x7f) {
        b.append((char) c);
        if (echo) {
          out.write(c);
          out.flush();
        }
      }
    }
    return null;
  }

  private static void print(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
