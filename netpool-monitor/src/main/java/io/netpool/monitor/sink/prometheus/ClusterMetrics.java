package io.netpool.monitor.sink.prometheus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netpool.monitor.cluster.ClusterView;

/** The meters of a cluster node (docs/observability.md, "Cluster"). */
public final class ClusterMetrics {
  /** What the meters read, each time they are scraped. */
  public interface Source {
    ClusterView view();

    long viewChanges();

    int ownedDevices();

    int ownedLines();

    /** Members whose inventory differs from the coordinator's. */
    int diverged();
  }

  private final Counter movedIn;
  private final Counter movedOut;

  // Micrometer holds gauge state weakly: this strong reference keeps the meters reading it
  private final Source source;

  public ClusterMetrics(MeterRegistry registry, Source s) {
    this.source = s;
    movedIn =
        Counter.builder("netpool_cluster_ownership_moves")
            .tag("direction", "in")
            .description("routers this node took over")
            .register(registry);
    movedOut =
        Counter.builder("netpool_cluster_ownership_moves")
            .tag("direction", "out")
            .description("routers this node gave away")
            .register(registry);
    Gauge.builder("netpool_cluster_members", s, x -> x.view().members().size())
        .description("members in this node's cluster view")
        .register(registry);
    FunctionCounter.builder("netpool_cluster_view_changes", s, Source::viewChanges)
        .description("cluster views this node accepted since it started")
        .register(registry);
    Gauge.builder("netpool_cluster_owned_devices", s, Source::ownedDevices)
        .description("routers this node owns")
        .register(registry);
    Gauge.builder("netpool_cluster_owned_lines", s, Source::ownedLines)
        .description("lines this node checks")
        .register(registry);
    Gauge.builder("netpool_cluster_coordinator", s, x -> x.view().isCoordinator() ? 1 : 0)
        .description("1 on the node that runs the one-node duties")
        .register(registry);
    Gauge.builder("netpool_cluster_quorum_ok", s, x -> x.view().belowQuorum() ? 0 : 1)
        .description("0 while this node's view holds fewer members than cluster.quorum")
        .register(registry);
    Gauge.builder("netpool_cluster_inventory_diverged", s, Source::diverged)
        .description("members whose inventory differs from the coordinator's")
        .register(registry);
  }

  /** Routers this node took over ({@code in}) and gave away ({@code out}) at one change. */
  public void moved(int in, int out) {
    movedIn.increment(in);
    movedOut.increment(out);
  }
}
