/**
 * What the system writes to the config repo: per-image state (digests with history, discoveries,
 * errors), per-enrollment rebuild state (requests, builds, breaker), archived state, the
 * append-only event log; read and written as YAML/JSON with every string redacted, and merged three
 * ways when a publish loses a race. Deciding what to write is {@code sync}'s and {@code rebuild}'s.
 */
package io.jenkins.plugins.imagefactory.state;
