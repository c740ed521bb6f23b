package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * A person's or pipeline's request to rebuild, kept in state until the next cycle acts on it, so a
 * request survives restarts and is visible in git.
 *
 * @param actor       who asked (user name, {@code webhook}, a Jenkins job)
 * @param reason      why (required for urgent: e.g. {@code CVE-2026-1234})
 * @param urgent      bypass the rebuild delay
 * @param base        for an urgent request about one base: only that base's delay is bypassed; else {@code null}
 * @param requestedAt when
 */
@JsonPropertyOrder({"actor", "reason", "urgent", "base", "requestedAt"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RebuildRequest(String actor, String reason, boolean urgent, String base, Instant requestedAt) {
}
