package io.netpool.monitor.cli;

import io.netpool.monitor.ping.PingPlatform;
import java.util.Iterator;

/** The platform names the help texts list: asked from the profile registry, never written here. */
final class PlatformNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return PingPlatform.names().iterator();
  }
}
