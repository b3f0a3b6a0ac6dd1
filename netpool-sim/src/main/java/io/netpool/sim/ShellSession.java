package io.netpool.sim;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.server.session.ServerSession;

/** What a {@link CliSession} needs of the connection it runs on: SSH or Telnet. */
interface ShellSession {

  /** Commands run on this connection so far (faults count them per connection). */
  AtomicInteger commands();

  /** The logged-in user. */
  String username();

  /** Drops the connection at once (a {@code drop} fault). */
  void close();

  /** The SSH session's view. */
  static ShellSession of(ServerSession session) {
    return new ShellSession() {
      @Override
      public AtomicInteger commands() {
        return session.getAttribute(Simulator.COMMANDS);
      }

      @Override
      public String username() {
        return session.getUsername();
      }

      @Override
      public void close() {
        session.close(true);
      }
    };
  }
}
