package io.netpool.ssh.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** The interactive shell of a {@link FakePlatform}: echo, prompts, privilege, paging, dialogs. */
final class FakeShell implements Command {
  private final FakePlatform p;
  private final FakeDeviceServer server;
  private InputStream in;
  private OutputStream out;
  private ExitCallback exit;
  private boolean priv;
  private boolean paging = true;

  FakeShell(FakePlatform platform, FakeDeviceServer server) {
    this.p = platform;
    this.server = server;
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
  public void setErrorStream(OutputStream err) {}

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    server.shellsOpened.incrementAndGet();
    priv = p.execPrompt() == null;
    Thread.ofVirtual().name("fake-shell-" + p.platform()).start(this::run);
  }

  @Override
  public void destroy(ChannelSession channel) {}

  private String prompt() {
    return priv ? p.privPrompt() : p.execPrompt();
  }

  private void run() {
    try {
      write("\r\nWelcome to " + p.platform() + " (lab)\r\n\r\n");
      write(prompt());
      String line;
      while ((line = readLine(true)) != null) {
        server.commands.add(line);
        if (!handle(line.strip())) {
          break;
        }
      }
    } catch (IOException e) {
      // client went away
    } finally {
      exit.onExit(0);
    }
  }

  private boolean handle(String cmd) throws IOException {
    if (cmd.isEmpty()) {
      write(prompt());
      return true;
    }
    if (cmd.equals("exit") || cmd.equals("quit") || cmd.equals("logout")) {
      return false;
    }
    if (cmd.equals("hang")) {
      while (readLine(false) != null) {
        // a hung device: reads, never answers
      }
      return false;
    }
    if (cmd.equals("garbage")) {
      byte[] junk = "#$%&garbage-no-prompt ".repeat(50).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 400; i++) {
        out.write(junk);
      }
      out.flush();
      while (readLine(false) != null) {
        // then silence
      }
      return false;
    }
    if (cmd.equals("enable") && p.privPrompt() != null && !priv) {
      if (p.enableNeedsSecret()) {
        write("Password: ");
        String secret = readLine(false);
        write("\r\n");
        if (secret != null && secret.equals(server.enableSecret)) {
          priv = true;
        } else {
          write("% Access denied\r\n\r\n");
        }
      } else {
        priv = true;
      }
      write(prompt());
      return true;
    }
    if (cmd.equals("disable") && p.execPrompt() != null) {
      priv = false;
      write(prompt());
      return true;
    }
    if (p.pagingOff().contains(cmd)) {
      if (server.rejectPagingOff) {
        lines(p.errorOutput().lines().toList());
      } else {
        paging = false;
        if (p.platform().equals("huawei_vrp")) {
          write(
              "Info: The configuration takes effect on the current user terminal interface only.\r\n");
        } else if (p.platform().equals("juniper_junos")) {
          write("Screen length set to 0\r\n");
        } else if (p.platform().equals("arista_eos")) {
          write("Pagination disabled.\r\n");
        }
      }
      write(prompt());
      return true;
    }
    if (p.otherOnOpen().containsKey(cmd)) {
      String answer = p.otherOnOpen().get(cmd);
      if (!answer.isEmpty()) {
        write(answer + "\r\n");
      }
      write(prompt());
      return true;
    }
    if (cmd.equals(p.longCommand())) {
      lines(FakePlatform.longOutput());
    } else if (cmd.equals(p.pingCommand())) {
      lines(p.pingOutput().lines().toList());
    } else if (cmd.equals(p.clockCommand())) {
      write("*10:15:42.123 UTC Mon Jan 6 2025\r\n");
    } else if (cmd.equals(p.confirmCommand())) {
      write(p.confirmQuestion());
      String answer = readLine(true);
      if (answer == null) {
        return false;
      }
      server.confirmAnswers.add(answer);
      if (!p.confirmDone().isEmpty()) {
        write(p.confirmDone() + "\r\n");
      }
    } else {
      lines(p.errorOutput().lines().toList());
    }
    write(prompt());
    return true;
  }

  /** Writes lines with the platform's paging while paging is on. */
  private void lines(List<String> lines) throws IOException {
    int shown = 0;
    for (String l : lines) {
      if (paging && p.moreMarker() != null && shown == 20) {
        write(p.moreMarker());
        int key = in.read();
        if (key < 0) {
          throw new IOException("eof");
        }
        write(p.moreErase());
        if (key == 'q') {
          return;
        }
        shown = 0;
      }
      write(l + "\r\n");
      shown++;
    }
  }

  private String readLine(boolean echo) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      if (c == '\r' || c == '\n') {
        if (echo) {
          write("\r\n");
        }
        return sb.toString();
      }
      sb.append((char) c);
      if (echo) {
        out.write(c);
        out.flush();
      }
    }
  }

  private void write(String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
