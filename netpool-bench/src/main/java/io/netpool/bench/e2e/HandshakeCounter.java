package io.netpool.bench.e2e;

import java.util.concurrent.atomic.LongAdder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Counts the SSH sessions the client opens (each one a TCP connect, key exchange and login) on the
 * one MINA {@link SshClient} every variant shares.
 */
final class HandshakeCounter implements SessionListener {
  private final LongAdder created = new LongAdder();
  private final LongAdder authenticated = new LongAdder();

  static HandshakeCounter attach(SshClient client) {
    HandshakeCounter c = new HandshakeCounter();
    client.addSessionListener(c);
    return c;
  }

  @Override
  public void sessionCreated(Session session) {
    created.increment();
  }

  @Override
  public void sessionEvent(Session session, Event event) {
    if (event == Event.Authenticated) {
      authenticated.increment();
    }
  }

  /** Sessions started (connection accepted, key exchange begun). */
  long created() {
    return created.sum();
  }

  /** Sessions that completed key exchange and login. */
  long authenticated() {
    return authenticated.sum();
  }
}
