package io.jenkins.plugins.imagefactory.sync;

import java.util.List;

/**
 * What a health check says about a host's engine.
 *
 * @param status           {@code ok}, {@code starting} (no cycle finished yet) or {@code failing}
 * @param problems         why it is failing, one line each: a thrown cycle, each config error
 *                         ({@code file:line:column: field: message}), each unset credentials reference
 * @param onLastGoodConfig cycles run on the last good config because the config repo's is invalid
 */
public record RunnerHealth(String status, List<String> problems, boolean onLastGoodConfig) {

    public static final String OK = "ok";
    public static final String STARTING = "starting";
    public static final String FAILING = "failing";

    public RunnerHealth {
        problems = List.copyOf(problems);
    }
}
