package io.netpool.ssh;

import java.time.Duration;

/**
 * The answer to one CLI command.
 *
 * @param command the command (or, for interactive exchanges, the inputs joined by " / " with hidden
 *     ones masked)
 * @param output the device's output without the command echo and the closing prompt
 * @param prompt the prompt that ended the output (trimmed)
 * @param elapsed from writing the command to seeing the prompt
 */
public record CliResponse(String command, String output, String prompt, Duration elapsed) {}
