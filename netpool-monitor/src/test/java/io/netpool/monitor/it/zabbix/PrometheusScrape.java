package io.netpool.monitor.it.zabbix;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * One read of a running monitor's {@code /metrics} page, and the value of one sample in it. Small
 * on purpose: it reads {@code name value} and {@code name{labels} value} lines, nothing more.
 */
record PrometheusScrape(String text) {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** The page, or an empty scrape when the server does not answer (yet, or any more). */
  static PrometheusScrape of(URI metrics) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return new PrometheusScrape(response.statusCode() == 200 ? response.body() : "");
    } catch (IOException e) {
      return new PrometheusScrape("");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PrometheusScrape("");
    }
  }

  /**
   * The value of the first sample named {@code name} whose labels contain {@code label} (e.g.
   * {@code outcome="success"}; empty: any), or empty when there is none.
   */
  OptionalDouble value(String name, String label) {
    for (String line : text.lines().toList()) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      String rest = line.substring(name.length());
      String labels = "";
      if (rest.startsWith("{")) {
        int end = rest.indexOf('}');
        labels = rest.substring(1, end);
        rest = rest.substring(end + 1);
      }
      if (!rest.startsWith(" ") || !labels.contains(label)) {
        continue; // another metric whose name starts with this one
      }
      return OptionalDouble.of(Double.parseDouble(rest.strip().split(" ")[0]));
    }
    return OptionalDouble.empty();
  }
}
