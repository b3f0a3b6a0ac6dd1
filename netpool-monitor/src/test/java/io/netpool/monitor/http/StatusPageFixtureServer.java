package io.netpool.monitor.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A development helper, not a test: serves {@link LinePageFixture} (the test fixture, with 30 days
 * of history for l1) on 127.0.0.1 until stopped, for looking at the pages or taking the docs'
 * screenshots with bin/status-page-screenshots. Argument: the port (default 9465).
 */
public final class StatusPageFixtureServer {
  private StatusPageFixtureServer() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9465;
    Path dir = Files.createTempDirectory("netpool-page-fixture-");
    LinePageFixture fixture = new LinePageFixture(dir);
    StatusServer server =
        StatusServer.start(StatusServer.Options.localhost(port), fixture.source(), null);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  fixture.close();
                  stopped.countDown();
                }));
    System.out.println("fixture status page on " + server.baseUri() + " (line page: lines/l1)");
    System.out.flush();
    stopped.await();
  }
}
