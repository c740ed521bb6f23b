package io.jenkins.plugins.imagefactory.sync;

import java.util.List;

/**
 * What a health check says about a host's engine.
 *
 * @param status           {@code ok}, {@code starting} (no cycle finished yet), {@code standby} (another
 *                         instance holds the config repo's writer lease, so this one writes and dispatches
 *                         nothing) or {@code failing}
 * @param problems         why it is failing, one line each: a thrown cycle, each config error
 *                         ({@code file:line:column: field: message}), each unset credentials reference
 * @param onLastGoodConfig cycles run on the last good config because the config repo's is invalid
 * @param standby          while standing by, who writes and until when; otherwise {@code null}
 */
public record RunnerHealth(String status, List<String> problems, boolean onLastGoodConfig, String standby) {

    public static final String OK = "ok";
    public static final String STARTING = "starting";
    public static final String FAILING = "failing";
    public static final String STANDBY = "standby";

    public RunnerHealth {
        problems = List.copyOf(problems);
    }
}
