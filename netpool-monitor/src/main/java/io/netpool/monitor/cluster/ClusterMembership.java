package io.netpool.monitor.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.util.NameCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's membership in a cluster, on JGroups: joins at {@link #join}, tells {@code onView}
 * every new view (on JGroups' thread: the listener must hand work off, never block), and keeps the
 * last {@link PeerStatus} each member sent. Failure detection, merging after a split and the view
 * agreement are JGroups'; this class only names members and carries status messages.
 */
public final class ClusterMembership implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClusterSettings settings;
  private final JChannel channel;
  private final AtomicReference<ClusterView> view;
  private final Map<String, PeerStatus> peers = new ConcurrentHashMap<>();
  private final LongAdder viewChanges = new LongAdder();
  private volatile Consumer<ClusterView> onView = v -> {};

  private ClusterMembership(ClusterSettings settings, JChannel channel) {
    this.settings = settings;
    this.channel = channel;
    this.view = new AtomicReference<>(ClusterView.alone(settings.node(), settings.quorum()));
  }

  /**
   * Joins the cluster (or forms it alone after {@code join_timeout} without an answer) and returns
   * once this node has a view.
   */
  public static ClusterMembership join(ClusterSettings settings) throws Exception {
    JChannel channel =
        new JChannel(
            ClusterStack.build(
                settings, ClusterKey.derive(settings.name(), settings.secret().toSecret())));
    channel.name(settings.node());
    ClusterMembership m = new ClusterMembership(settings, channel);
    channel.setReceiver(m.new Listener());
    try {
      channel.connect(settings.name());
    } catch (Exception e) {
      channel.close();
      throw e;
    }
    m.viewAccepted(channel.getView()); // connect may return before the listener saw the view
    log.info(
        "cluster {}: node {} joined, members {}",
        settings.name(),
        settings.node(),
        m.view().members());
    return m;
  }

  public ClusterSettings settings() {
    return settings;
  }

  /** The current view. */
  public ClusterView view() {
    return view.get();
  }

  /** Views this node accepted since it joined. */
  public long viewChanges() {
    return viewChanges.sum();
  }

  /** Called with every new view from now on (and not with the current one). */
  public void onView(Consumer<ClusterView> listener) {
    this.onView = Objects.requireNonNull(listener, "listener");
  }

  /** The last status each current member sent (this node's own included once sent). */
  public List<PeerStatus> peers() {
    List<PeerStatus> out = new ArrayList<>();
    for (String m : view.get().members()) {
      PeerStatus p = peers.get(m);
      if (p != null && !out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /** Sends this node's status to every member (itself included). Never throws. */
  public void publish(PeerStatus status) {
    peers.put(status.node(), status);
    try {
      channel.send(new BytesMessage(null, JSON.writeValueAsBytes(status)));
    } catch (Exception e) {
      log.debug("cluster status not sent: {}", e.toString());
    }
  }

  private void viewAccepted(View v) {
    if (v == null) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (Address a : v.getMembers()) {
      String n = NameCache.get(a);
      names.add(n != null ? n : a.toString());
    }
    ClusterView next =
        new ClusterView(settings.node(), v.getViewId().getId(), names, settings.quorum());
    ClusterView before =
        view.getAndUpdate(old -> old.viewId() >= next.viewId() && old.viewId() > 0 ? old : next);
    if (before.viewId() >= next.viewId() && before.viewId() > 0) {
      return; // already seen
    }
    viewChanges.increment();
    peers.keySet().retainAll(names);
    if (!next.duplicateNames().isEmpty()) {
      log.error(
          "cluster {}: several members are named {}: give every node its own cluster.node",
          settings.name(),
          next.duplicateNames());
    }
    log.info(
        "cluster {} view {}: {} (coordinator {})",
        settings.name(),
        next.viewId(),
        names,
        next.coordinator());
    onView.accept(next);
  }

  @Override
  public void close() {
    channel.close(); // leaves politely: the others see a new view at once
  }

  private final class Listener implements Receiver {
    @Override
    public void viewAccepted(View v) {
      ClusterMembership.this.viewAccepted(v);
    }

    @Override
    public void receive(Message msg) {
      try {
        PeerStatus p =
            JSON.readValue(msg.getArray(), msg.getOffset(), msg.getLength(), PeerStatus.class);
        peers.put(p.node(), p);
      } catch (Exception e) {
        log.debug("unreadable cluster message from {}: {}", msg.getSrc(), e.toString());
      }
    }
  }
}
