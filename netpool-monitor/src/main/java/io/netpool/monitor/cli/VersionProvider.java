package io.netpool.monitor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code netpool --version}: the version and git commit the build recorded. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    Properties p = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/io/netpool/monitor/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // reported as unknown below
    }
    return new String[] {
      "netpool "
          + p.getProperty("version", "development")
          + " (commit "
          + p.getProperty("commit", "unknown")
          + ", Java "
          + Runtime.version()
          + ")"
    };
  }
}
