package io.netpool.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which device edits are session identity: tags are not; options and credentials are. */
class DeviceIdentityTest {
  private record Knob(String value) {}

  private static final Device BASE =
      new Device(
          "r1",
          "10.0.0.1",
          22,
          "cisco_ios",
          2,
          Map.of("site", "bj"),
          SessionOptions.of(Knob.class, new Knob("a")),
          Credentials.password("netops", Secret.of("pw")));

  @Test
  void tagsAreNotSessionIdentity() {
    Device retagged = BASE.withTags(Map.of("site", "sh", "ssh.legacy", "true"));
    assertThat(retagged).isNotEqualTo(BASE);
    assertThat(retagged.sameSessionsAs(BASE)).isTrue();
  }

  @Test
  void optionsAndCredentialsAre() {
    assertThat(BASE.withOptions(SessionOptions.of(Knob.class, new Knob("b"))).sameSessionsAs(BASE))
        .isFalse();
    assertThat(BASE.withOptions(SessionOptions.NONE).sameSessionsAs(BASE)).isFalse();
    assertThat(
            BASE.withCredentials(Credentials.password("netops", Secret.of("other")))
                .sameSessionsAs(BASE))
        .isFalse();
    assertThat(BASE.withPort(2222).sameSessionsAs(BASE)).isFalse();
    assertThat(BASE.withMaxSessions(1).sameSessionsAs(BASE)).isFalse();
  }

  @Test
  void optionsAreTypedAndPrintOnlyTheirTypes() {
    SessionOptions o = SessionOptions.of(Knob.class, new Knob("secret-looking"));
    assertThat(o.get(Knob.class)).contains(new Knob("secret-looking"));
    assertThat(o.get(String.class)).isEmpty();
    assertThat(o.toString()).isEqualTo("SessionOptions[Knob]");
    assertThat(BASE.toString()).doesNotContain("secret").doesNotContain("pw");
    assertThat(new Device("r2", "h", 22, "", 0, null, null, null).options())
        .isSameAs(SessionOptions.NONE);
  }
}
