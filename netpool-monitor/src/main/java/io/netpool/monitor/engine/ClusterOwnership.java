package io.netpool.monitor.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.netpool.monitor.cluster.ClusterMembership;
import io.netpool.monitor.cluster.ClusterSettings;
import io.netpool.monitor.cluster.ClusterStatus;
import io.netpool.monitor.cluster.ClusterView;
import io.netpool.monitor.cluster.InventoryFingerprint;
import io.netpool.monitor.cluster.PeerStatus;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryDiff;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryWatcher;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.schedule.NewLines;
import io.netpool.monitor.sink.prometheus.ClusterMetrics;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node's share of the inventory: the engine runs only the lines of the routers this node
 * owns ({@link ClusterView#owns}), and every new view or inventory is turned into the owned
 * inventory and applied as a diff (sessions of routers given away are closed, routers taken over
 * are warmed up within the login budget). One thread applies, in order, so views and reloads never
 * race; JGroups' thread only hands a view over.
 *
 * <p>Routers taken from a member that left are checked within {@code initial_spread}; routers
 * handed over by a member that is still there (a join) are first checked at their next grid point,
 * the instant the old owner would have used, so no slot is checked twice or skipped.
 */
final class ClusterOwnership implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterOwnership.class);

  /** How often a node repeats its status to the others. */
  static final long PUBLISH_EVERY_SECONDS = 5;

  private final ClusterMembership membership;
  private final Instant joined;
  private final ScheduledExecutorService applier;
  private final AtomicReference<Inventory> full;
  private final AtomicReference<ClusterView> applied;
  private final AtomicReference<Owners> owners = new AtomicReference<>();
  private volatile Monitor monitor;
  private volatile Supplier<URI> statusUri = () -> null;
  private volatile ClusterMetrics metrics;

  ClusterOwnership(ClusterMembership membership, Inventory initial) {
    this.membership = Objects.requireNonNull(membership, "membership");
    this.joined = Instant.now();
    this.full = new AtomicReference<>(initial);
    this.applied = new AtomicReference<>(membership.view());
    this.applier =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "netpool-cluster");
              t.setDaemon(true);
              return t;
            });
  }

  /** The routers and lines of {@code inventory} that {@code view}'s node owns. */
  static Inventory owned(Inventory inventory, ClusterView view) {
    List<DeviceSpec> devices = new ArrayList<>();
    List<LineSpec> lines = new ArrayList<>();
    for (DeviceSpec d : inventory.devices().values()) {
      if (view.owns(d.id())) {
        devices.add(d);
        lines.addAll(inventory.linesOf(d.id()));
      }
    }
    return new Inventory(
        inventory.file(),
        inventory.digest(),
        devices,
        lines,
        inventory.warnings(),
        inventory.aaaGroups());
  }

  /** The inventory the engine starts with. */
  Inventory initialOwned() {
    return owned(full.get(), applied.get());
  }

  /**
   * Where the engine's first checks go: on the grid when this node joined a running cluster (the
   * others checked these lines up to the join), within {@code initial_spread} when it is alone.
   */
  NewLines firstChecks() {
    // a slot begun since the join may have been dropped by its old owner before this engine ran
    return applied.get().members().size() > 1 ? NewLines.takeover(joined) : NewLines.SPREAD;
  }

  /** Starts following views, once the engine runs. */
  void start(Monitor engine, Supplier<URI> status, MeterRegistry registry) {
    this.monitor = engine;
    this.statusUri = status;
    metrics =
        new ClusterMetrics(
            registry,
            new ClusterMetrics.Source() {
              @Override
              public ClusterView view() {
                return membership.view();
              }

              @Override
              public long viewChanges() {
                return membership.viewChanges();
              }

              @Override
              public int ownedDevices() {
                return engine.inventory().devices().size();
              }

              @Override
              public int ownedLines() {
                return engine.inventory().lines().size();
              }

              @Override
              public int diverged() {
                return status().diverged().size();
              }
            });
    membership.onView(v -> applier.execute(() -> viewChanged(v)));
    applier.execute(() -> viewChanged(membership.view())); // a view that came during the start
    applier.scheduleWithFixedDelay(
        this::publish, PUBLISH_EVERY_SECONDS, PUBLISH_EVERY_SECONDS, TimeUnit.SECONDS);
  }

  /** A new whole inventory (file reload or discovery): applies this node's share. */
  void inventoryChanged(Inventory next) {
    applier.execute(
        () -> {
          full.set(next);
          applyOwned(applied.get(), NewLines.SPREAD, "inventory reload");
        });
  }

  /**
   * The listener of inventory reloads in a cluster: a new whole inventory becomes this node's share
   * before the engine sees it; a rejected file is logged as without a cluster.
   */
  InventoryWatcher.Listener reloads() {
    InventoryWatcher.Listener alone = monitor.watcherListener();
    return new InventoryWatcher.Listener() {
      @Override
      public void reloaded(Inventory next, InventoryDiff diff) {
        inventoryChanged(next);
      }

      @Override
      public void rejected(InventoryException error) {
        alone.rejected(error);
      }
    };
  }

  /** {@code consumer}, called only while this node is the coordinator (one-node duties). */
  <T> Consumer<T> fromCoordinator(Consumer<T> consumer) {
    return value -> {
      if (isCoordinator()) {
        consumer.accept(value);
      }
    };
  }

  /** The whole inventory, every node's lines. */
  Inventory fullInventory() {
    return full.get();
  }

  boolean isCoordinator() {
    return membership.view().isCoordinator();
  }

  private void viewChanged(ClusterView v) {
    ClusterView before = applied.get();
    if (v.viewId() <= before.viewId() && v.members().equals(before.members())) {
      publish();
      return;
    }
    Set<String> left = new HashSet<>(before.owners());
    left.removeAll(v.owners());
    // handed over by a live member: on the grid; of a member that is gone: on the grid too, but
    // the slots begun while it was failing at once: a hung node is dropped at most failure_timeout
    // + one heartbeat (FD_ALL3's check) + 1.5 s (VERIFY_SUSPECT2) after its last heartbeat
    ClusterSettings s = membership.settings();
    NewLines placement =
        left.isEmpty()
            ? NewLines.ON_GRID
            : NewLines.takeover(
                Instant.now()
                    .minus(s.failureTimeout())
                    .minus(s.heartbeatInterval().multipliedBy(2))
                    .minusMillis(1_500));
    applyOwned(v, placement, "view " + v.viewId() + " " + v.members());
  }

  private void applyOwned(ClusterView v, NewLines placement, String why) {
    Monitor engine = monitor;
    Inventory before = engine.inventory();
    Inventory next = owned(full.get(), v);
    InventoryDiff diff = InventoryDiff.between(before, next);
    applied.set(v);
    if (!diff.isEmpty()) {
      int in = diff.devicesAdded().size();
      int out = diff.devicesRemoved().size();
      metrics.moved(in, out);
      log.info(
          "cluster: {}: this node now owns {} routers ({} lines): +{} -{} routers",
          why,
          next.devices().size(),
          next.lines().size(),
          in,
          out);
      try {
        engine.apply(next, diff, placement);
      } catch (RuntimeException e) {
        log.error("cluster: applying the new share failed", e);
      }
    }
    publish();
  }

  private void publish() {
    Monitor engine = monitor;
    if (engine == null) {
      return;
    }
    URI uri = statusUri.get();
    membership.publish(
        new PeerStatus(
            membership.settings().node(),
            uri == null ? null : uri.toString(),
            status().inventory(),
            engine.inventory().devices().size(),
            engine.inventory().lines().size(),
            System.currentTimeMillis()));
  }

  /** What the status page and {@code /api/status} show of the cluster. */
  ClusterStatus status() {
    ClusterView v = membership.view();
    Inventory all = full.get();
    Owners o = owners.get();
    if (o == null || o.view() != v || o.inventory() != all) {
      Map<String, String> byLine = new LinkedHashMap<>();
      for (LineSpec l : all.lines().values()) {
        byLine.put(l.id(), v.ownerOf(l.router()));
      }
      o = new Owners(v, all, byLine, InventoryFingerprint.of(all));
      owners.set(o); // computed again only when the view or the inventory changes
    }
    return ClusterStatus.of(
        membership.settings().name(), v, membership.peers(), o.fingerprint(), o.byLine());
  }

  /** Every line's owner for one view and one inventory (compared by identity). */
  private record Owners(
      ClusterView view, Inventory inventory, Map<String, String> byLine, String fingerprint) {}

  @Override
  public void close() {
    applier.shutdownNow();
    membership.close();
  }
}
