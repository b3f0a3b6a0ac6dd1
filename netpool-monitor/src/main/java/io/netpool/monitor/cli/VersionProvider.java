package io.netpool.monitor.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = NetpoolCommand.class.getPackage().getImplementationVersion();
    return new String[] {"netpool " + (v == null ? "development" : v)};
  }
}
