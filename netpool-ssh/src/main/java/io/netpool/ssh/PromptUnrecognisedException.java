package io.netpool.ssh;

import java.io.IOException;

/**
 * The CLI session logged in and the device shows a prompt that matches no privilege level of its
 * platform (nor the device's extra prompt pattern), for example a prompt an operator customised.
 * Raised as soon as the prompt is seen (see {@link FirstPrompt} for when that is), not at the
 * creation timeout. The prompt text is masked: it never holds a secret.
 */
public class PromptUnrecognisedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String prompt;

  public PromptUnrecognisedException(String message, String prompt) {
    super(message);
    this.prompt = prompt;
  }

  /** The prompt as the device showed it (trimmed, secrets masked). */
  public String prompt() {
    return prompt;
  }
}
