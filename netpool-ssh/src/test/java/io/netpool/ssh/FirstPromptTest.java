package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rule that tells a seen but unrecognised prompt from output that is still coming. */
class FirstPromptTest {

  @Test
  void aPromptLikeLineRepeatedAfterTheReturnIsUnrecognised() {
    assertThat(FirstPrompt.unrecognisedPrompt("Welcome\nedge-7 (lab)# \nedge-7 (lab)# "))
        .isEqualTo("edge-7 (lab)#");
    // blank lines between the two prompts do not matter
    assertThat(FirstPrompt.unrecognisedPrompt("<edge 7>\n\n<edge 7>")).isEqualTo("<edge 7>");
    for (String ending : new String[] {"#", ">", "$", "]", "%"}) {
      assertThat(FirstPrompt.unrecognisedPrompt("x" + ending + "\nx" + ending))
          .isEqualTo("x" + ending);
    }
  }

  @Test
  void aBannerLineThatIsNotRepeatedIsNotAPrompt() {
    // a slow device: banner art ending in '#' and then quiet, no prompt yet
    assertThat(FirstPrompt.unrecognisedPrompt("Authorised access only\n##########")).isNull();
    assertThat(FirstPrompt.unrecognisedPrompt("##########")).isNull();
    // complete lines, even the same twice: the cursor is not on them, so they are not a prompt
    assertThat(FirstPrompt.unrecognisedPrompt("Authorised\n##########\n##########\n")).isNull();
    assertThat(FirstPrompt.unrecognisedPrompt("")).isNull();
  }

  @Test
  void linesThatDoNotEndLikeAPromptOrAreTooLongAreNotPrompts() {
    assertThat(FirstPrompt.unrecognisedPrompt("Password: \nPassword: ")).isNull();
    assertThat(FirstPrompt.unrecognisedPrompt("Press RETURN\nPress RETURN")).isNull();
    String longLine = "x".repeat(FirstPrompt.MAX_PROMPT_CHARS) + "#";
    assertThat(FirstPrompt.unrecognisedPrompt(longLine + "\n" + longLine)).isNull();
    String longest = "x".repeat(FirstPrompt.MAX_PROMPT_CHARS - 1) + "#";
    assertThat(FirstPrompt.unrecognisedPrompt(longest + "\n" + longest)).isEqualTo(longest);
  }

  @Test
  void aDifferentPreviousLineIsNotARepeat() {
    assertThat(FirstPrompt.unrecognisedPrompt("edge-7#\nedge-8#")).isNull();
  }
}
