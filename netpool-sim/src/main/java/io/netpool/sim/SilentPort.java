package io.netpool.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A listening port that accepts TCP connections and never writes a byte: the port of a device that
 * {@link Fault.StopAnswering stopped answering}. What a client sends is read and dropped, so a
 * client that gives up and closes is noticed and its socket closed; the rest stay open until {@link
 * #close()}. One virtual thread accepts, one per connection reads.
 */
final class SilentPort implements AutoCloseable {

  private final ServerSocketChannel server;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private volatile Thread acceptor;

  private SilentPort(ServerSocketChannel server) {
    this.server = server;
  }

  /** Listens on {@code address} (the device's own port, just released by the SSH server). */
  static SilentPort open(InetSocketAddress address, String deviceId) throws IOException {
    ServerSocketChannel s = ServerSocketChannel.open();
    try {
      s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      s.bind(address, 1024);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    SilentPort port = new SilentPort(s);
    port.acceptor =
        Thread.ofVirtual().name("netpool-sim-silent-" + deviceId).start(port::acceptLoop);
    return port;
  }

  private void acceptLoop() {
    try {
      while (true) {
        SocketChannel c = server.accept();
        open.add(c);
        if (!server.isOpen()) {
          closeQuietly(c);
          return;
        }
        Thread.ofVirtual().start(() -> drain(c));
      }
    } catch (IOException e) {
      // closed
    }
  }

  private void drain(SocketChannel c) {
    ByteBuffer buffer = ByteBuffer.allocate(512);
    try {
      while (c.read(buffer.clear()) >= 0) {
        // dropped
      }
    } catch (IOException e) {
      // closed by close() or reset by the peer
    } finally {
      open.remove(c);
      closeQuietly(c);
    }
  }

  /**
   * Stops listening and closes every connection it holds. Returns when the accepting thread has
   * ended (at most a second), so the port is free to be bound again.
   */
  @Override
  public void close() {
    closeQuietly(server);
    for (SocketChannel c : open) {
      closeQuietly(c);
    }
    try {
      acceptor.join(Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
