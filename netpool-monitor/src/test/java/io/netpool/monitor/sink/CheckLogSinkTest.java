package io.netpool.monitor.sink;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netpool.monitor.status.TestResults;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** One line per check at DEBUG, formatted by the monitor's logback.xml pattern. */
class CheckLogSinkTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger checks = context.getLogger(CheckLogSink.LOGGER);

  /** Captures the MDC at logging time, as a synchronous appender (the console) does. */
  private final ListAppender<ILoggingEvent> appender =
      new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent e) {
          e.prepareForDeferredProcessing();
          super.append(e);
        }
      };

  private Level oldLevel;

  @BeforeEach
  void capture() {
    oldLevel = checks.getLevel();
    appender.setContext(context);
    appender.start();
    checks.addAppender(appender);
    checks.setAdditive(false);
  }

  @AfterEach
  void restore() {
    checks.detachAppender(appender);
    checks.setAdditive(true);
    checks.setLevel(oldLevel);
    MDC.clear();
  }

  @Test
  void silentUnlessDebug() {
    checks.setLevel(Level.INFO);
    new CheckLogSink().accept(TestResults.ok("l1", "r1", "192.0.2.1", "1.5"));
    assertThat(appender.list).isEmpty();
  }

  @Test
  void oneDebugLineWithKeyValuesAndMdc() throws Exception {
    checks.setLevel(Level.DEBUG);
    MDC.put("device", "outer");
    CheckLogSink sink = new CheckLogSink();
    sink.accept(TestResults.degraded("l1", "r1", "192.0.2.1"));
    sink.accept(TestResults.error("l2", "r2", "192.0.2.2"));

    assertThat(appender.list).hasSize(2);
    assertThat(MDC.get("device")).as("the caller's MDC is restored").isEqualTo("outer");
    assertThat(MDC.get("line")).isNull();

    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern(mainPattern());
    layout.start();
    String first = layout.doLayout(appender.list.get(0));
    assertThat(first)
        .matches(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ DEBUG \\[[^]]+] "
                + "io\\.netpool\\.monitor\\.checks - check device=r1 line=l1 status=degraded"
                + " target=192\\.0\\.2\\.1 sent=5 received=4 lossPercent=20\\.00 rttMinMs=10\\.5"
                + " rttAvgMs=12\\.25 rttMaxMs=20 rttMedianMs=- rttStddevMs=- jitterMs=-"
                + " failure=- latencyMs=2000\\R");
    String second = layout.doLayout(appender.list.get(1));
    assertThat(second)
        .contains("device=r2 line=l2 status=error")
        .contains("rttAvgMs=- ")
        .contains("failure=router_unreachable")
        .contains("error=connect to router timed out");
  }

  @Test
  void distributionWhenThePlatformPrintsEveryReply() {
    checks.setLevel(Level.DEBUG);
    new CheckLogSink().accept(TestResults.withReplies("l1", "r1", "192.0.2.1"));
    assertThat(appender.list).hasSize(1);
    assertThat(appender.list.get(0).getKeyValuePairs())
        .extracting(kv -> kv.key + "=" + kv.value)
        .contains("rttMedianMs=2", "rttStddevMs=1.020", "jitterMs=1.250");
  }

  /** The encoder pattern of src/main/resources/logback.xml. */
  private static String mainPattern() throws Exception {
    try (InputStream in = CheckLogSinkTest.class.getResourceAsStream("/logback.xml")) {
      String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("<pattern>(.*?)</pattern>", Pattern.DOTALL).matcher(xml);
      assertThat(m.find()).isTrue();
      return m.group(1);
    }
  }
}
