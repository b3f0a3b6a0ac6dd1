package io.netpool.monitor.cluster;

import io.netpool.monitor.cluster.ClusterSettings.HostPort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import org.jgroups.PhysicalAddress;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.IpAddress;
import org.jgroups.stack.Protocol;

/**
 * The JGroups protocol stack of a cluster, built in code from {@link ClusterSettings} (JGroups' own
 * {@code tcp.xml} and {@code sym-encrypt.xml}, with netpool's timeouts): TCP to the listed members,
 * merge of split views, two failure detectors (a closed socket for a crashed process, missed
 * heartbeats for a hung one), reliable ordered delivery, membership, and symmetric encryption of
 * everything above discovery with the key derived from the shared secret.
 */
final class ClusterStack {
  /** The crash detector listens this far above the cluster port (JGroups' default). */
  static final int FD_SOCK_OFFSET = 100;

  /** How many ports above the offset the crash detector tries when the offset port is taken. */
  static final int FD_SOCK_PORT_RANGE = 5;

  private ClusterStack() {}

  static List<Protocol> build(ClusterSettings s, SecretKey key) throws UnknownHostException {
    InetAddress bind = InetAddress.getByName(s.bindHost());
    List<PhysicalAddress> initial = new ArrayList<>();
    for (HostPort m : s.members()) {
      initial.add(new IpAddress(InetAddress.getByName(m.host()), m.port()));
    }
    long timeout = s.failureTimeout().toMillis();
    long interval = s.heartbeatInterval().toMillis();
    TCP tcp = new TCP();
    tcp.setBindAddr(bind);
    tcp.setBindPort(s.bindPort());
    tcp.setPortRange(0); // the configured port or nothing: members are listed by port
    TCPPING ping = new TCPPING().setInitialHosts2(initial).setPortRange(0);
    FD_SOCK2 fdSock =
        new FD_SOCK2()
            .setBindAddress(bind)
            .setOffset(FD_SOCK_OFFSET)
            .setPortRange(FD_SOCK_PORT_RANGE);
    FD_ALL3 fdAll = new FD_ALL3();
    fdAll.setTimeout(timeout);
    fdAll.setInterval(interval);
    SYM_ENCRYPT encrypt = new SYM_ENCRYPT().setSecretKey(key);
    GMS gms = new GMS().setJoinTimeout(s.joinTimeout().toMillis());
    return List.of(
        tcp,
        ping,
        new MERGE3().setMinInterval(2_000).setMaxInterval(5_000).setCheckInterval(8_000),
        fdSock,
        fdAll,
        new VERIFY_SUSPECT2().setTimeout(1_500),
        encrypt,
        new NAKACK2(),
        new UNICAST3(),
        new STABLE(),
        gms,
        new MFC(),
        new FRAG4());
  }
}
