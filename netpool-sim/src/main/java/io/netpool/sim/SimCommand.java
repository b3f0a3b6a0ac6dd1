package io.netpool.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A shell (command null) or exec channel of a simulated device, run on a virtual thread. */
final class SimCommand implements Command {
  private static final Logger LOG = LoggerFactory.getLogger(SimCommand.class);

  private final String command;
  private InputStream in;
  private OutputStream out;
  private ExitCallback exit;
  private final CountDownLatch destroyed = new CountDownLatch(1);

  SimCommand(String command) {
    this.command = command;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    // devices write errors to stdout
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) throws IOException {
    ServerSession session = channel.getServerSession();
    SimulatedDevice device = session.getAttribute(Simulator.DEVICE);
    if (device == null) {
      throw new IOException("no simulated device for this session");
    }
    int lines = 0;
    String l = env.getEnv().get(Environment.ENV_LINES);
    if (l != null) {
      try {
        lines = Integer.parseInt(l.trim());
      } catch (NumberFormatException e) {
        lines = 0;
      }
    }
    CliSession cli =
        new CliSession(
            device,
            ShellSession.of(session),
            new InputReader(in),
            out,
            command != null,
            lines,
            destroyed);
    Thread.ofVirtual()
        .name("sim-" + device.id() + (command != null ? "-exec" : "-shell"))
        .start(
            () -> {
              int status = 0;
              try {
                status = command != null ? cli.runExec(command) : cli.runShell();
              } catch (IOException | RuntimeException e) {
                LOG.debug("device {} session ended: {}", device.id(), e.toString());
                status = 1;
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 1;
              } finally {
                if (destroyed.getCount() > 0 && !cli.dropped()) {
                  try {
                    out.flush();
                  } catch (IOException ignored) {
                    // channel already gone
                  }
                  exit.onExit(status);
                }
              }
            });
  }

  @Override
  public void destroy(ChannelSession channel) {
    destroyed.countDown();
  }
}
