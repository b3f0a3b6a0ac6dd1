package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.ssh.platform.AlgorithmCategory;
import io.netpool.ssh.platform.AlgorithmList;
import io.netpool.ssh.platform.AlgorithmList.Mode;
import io.netpool.ssh.platform.AlgorithmPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlgorithmPolicyTest {

  @Test
  void unknownNamesAreRefusedWithTheKnownOnes() {
    assertThatThrownBy(
            () -> new AlgorithmList(AlgorithmCategory.KEX, Mode.ADD, List.of("dh-group1-sha1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown kex algorithm 'dh-group1-sha1'; known: ")
        .hasMessageContaining("diffie-hellman-group1-sha1")
        .hasMessageContaining("curve25519-sha256");
    assertThatThrownBy(
            () -> new AlgorithmList(AlgorithmCategory.CIPHERS, Mode.ADD, List.of("none")))
        .hasMessageStartingWith("unknown ciphers algorithm 'none'");
    assertThatThrownBy(() -> new AlgorithmList(AlgorithmCategory.MACS, Mode.REPLACE, List.of()))
        .hasMessage("macs: an empty algorithm list");
  }

  @Test
  void addAppendsAfterTheDefaultsAndReplaceIsExact() {
    List<String> defaults = List.of("a-default", "hmac-sha2-256");
    assertThat(
            new AlgorithmList(
                    AlgorithmCategory.MACS, Mode.ADD, List.of("hmac-sha1", "hmac-sha2-256"))
                .applyTo(defaults))
        .containsExactly("a-default", "hmac-sha2-256", "hmac-sha1");
    assertThat(
            new AlgorithmList(AlgorithmCategory.MACS, Mode.REPLACE, List.of("hmac-sha1"))
                .applyTo(defaults))
        .containsExactly("hmac-sha1");
  }

  @Test
  void aDeviceListWinsItsCategoryOverThePlatformList() {
    AlgorithmPolicy platform =
        AlgorithmPolicy.of(
            List.of(
                new AlgorithmList(
                    AlgorithmCategory.KEX, Mode.ADD, List.of("diffie-hellman-group14-sha1")),
                new AlgorithmList(AlgorithmCategory.CIPHERS, Mode.ADD, List.of("aes128-cbc"))));
    AlgorithmPolicy device =
        AlgorithmPolicy.of(
            List.of(
                new AlgorithmList(AlgorithmCategory.CIPHERS, Mode.REPLACE, List.of("aes256-ctr"))));
    AlgorithmPolicy both = device.over(platform);
    assertThat(both.list(AlgorithmCategory.KEX).orElseThrow().names())
        .containsExactly("diffie-hellman-group14-sha1");
    assertThat(both.list(AlgorithmCategory.CIPHERS).orElseThrow().names())
        .containsExactly("aes256-ctr");
    assertThat(both.toString())
        .isEqualTo(
            "AlgorithmPolicy[kex add [diffie-hellman-group14-sha1], ciphers replace [aes256-ctr]]");
  }
}
