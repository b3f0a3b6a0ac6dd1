package io.netpool.ssh;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host-key verifiers of a transport, one per known_hosts file and mode: strict, accept-new
 * (trust on first use) or off. A rejection is recorded in the session's context so that {@link
 * SshTransport} can throw a {@link HostKeyRejectedException} saying why.
 */
final class HostKeyVerifiers {
  private static final Logger log = LoggerFactory.getLogger(HostKeyVerifiers.class);

  private final Map<Path, KnownHostsServerKeyVerifier> strict = new ConcurrentHashMap<>();
  private final Map<Path, KnownHostsServerKeyVerifier> acceptNew = new ConcurrentHashMap<>();

  ServerKeyVerifier forOptions(SshOptions options) {
    Path file = options.knownHostsFile().toAbsolutePath().normalize();
    return switch (options.hostKeyMode()) {
      case OFF -> AcceptAllServerKeyVerifier.INSTANCE;
      case STRICT -> strict.computeIfAbsent(file, f -> newVerifier(f, false));
      case ACCEPT_NEW -> acceptNew.computeIfAbsent(file, f -> newVerifier(f, true));
    };
  }

  private static KnownHostsServerKeyVerifier newVerifier(Path file, boolean acceptNew) {
    if (acceptNew && file.getParent() != null) {
      try {
        Files.createDirectories(file.getParent());
      } catch (IOException e) {
        log.warn("cannot create the directory of known_hosts file {}: {}", file, e.toString());
      }
    }
    ServerKeyVerifier unknown =
        (session, address, key) -> {
          if (acceptNew) {
            log.info(
                "accepting new host key {} {} of {} and recording it in {}",
                KeyUtils.getKeyType(key),
                KeyUtils.getFingerPrint(key),
                address,
                file);
            return true;
          }
          recordProblem(
              session,
              "host key "
                  + KeyUtils.getKeyType(key)
                  + " "
                  + KeyUtils.getFingerPrint(key)
                  + " of "
                  + address
                  + " is not in "
                  + file
                  + " (host key mode strict)");
          return false;
        };
    return new KnownHostsServerKeyVerifier(unknown, file) {
      @Override
      protected Collection<SshdSocketAddress> resolveHostNetworkIdentities(
          ClientSession session, SocketAddress remoteAddress) {
        AttributeRepository ctx = session.getConnectionContext();
        if (ctx != null && ctx.getAttribute(SshTransport.TARGET) != null) {
          // only the device's own address: MINA would add the loopback forward it connected to
          return List.of(ctx.getAttribute(SshTransport.TARGET));
        }
        return super.resolveHostNetworkIdentities(session, remoteAddress);
      }

      @Override
      public boolean acceptModifiedServerKey(
          ClientSession session,
          SocketAddress address,
          KnownHostEntry entry,
          PublicKey expected,
          PublicKey actual) {
        String problem =
            "host key of "
                + address
                + " has CHANGED: "
                + file
                + " has "
                + KeyUtils.getKeyType(expected)
                + " "
                + KeyUtils.getFingerPrint(expected)
                + ", the server offered "
                + KeyUtils.getKeyType(actual)
                + " "
                + KeyUtils.getFingerPrint(actual)
                + "; rejected (possible man-in-the-middle; remove the old entry if the device was"
                + " replaced)";
        recordProblem(session, problem);
        log.error("{}", problem);
        return false;
      }
    };
  }

  private static void recordProblem(ClientSession session, String problem) {
    AttributeRepository ctx = session.getConnectionContext();
    AtomicReference<String> holder =
        ctx == null ? null : ctx.getAttribute(SshTransport.HOST_KEY_PROBLEM);
    if (holder != null) {
      holder.set(problem);
    }
  }
}
