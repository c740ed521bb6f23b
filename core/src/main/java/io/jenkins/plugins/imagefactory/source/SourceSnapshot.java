package io.jenkins.plugins.imagefactory.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one read cycle saw: one result per distinct request, in the order first requested, indexed
 * by request once (a cycle looks every enrollment's result up, so a scan per lookup would make
 * discovery quadratic in the estate).
 */
public final class SourceSnapshot {

    private final List<SourceResult> results;
    private final Map<RepositoryBranch, String> commits;
    private final int fetches;
    private final Map<SourceRequest, SourceResult> byRequest;

    /**
     * @param results one per distinct request, in the order first requested
     * @param commits the branch tip each successfully listed (repository, branch) had in this cycle
     * @param fetches how many fetches this cycle performed (at most one per repository; none when
     *                every requested tip was already mirrored)
     */
    public SourceSnapshot(List<SourceResult> results, Map<RepositoryBranch, String> commits, int fetches) {
        this.results = List.copyOf(results);
        this.commits = Map.copyOf(commits);
        this.fetches = fetches;
        Map<SourceRequest, SourceResult> index = new LinkedHashMap<>();
        this.results.forEach(result -> index.putIfAbsent(result.request(), result));
        this.byRequest = Collections.unmodifiableMap(index);
    }

    public List<SourceResult> results() {
        return results;
    }

    public Map<RepositoryBranch, String> commits() {
        return commits;
    }

    public int fetches() {
        return fetches;
    }

    /** The result of {@code request}: one map access. */
    public Optional<SourceResult> resultFor(SourceRequest request) {
        return Optional.ofNullable(byRequest.get(request));
    }

    public Optional<String> commitOf(String repository, String branch) {
        return Optional.ofNullable(commits.get(new RepositoryBranch(repository, branch)));
    }

    public List<SourceFile> files() {
        return results.stream().filter(SourceFile.class::isInstance).map(SourceFile.class::cast).toList();
    }

    public List<SourceFailure> failures() {
        return results.stream().filter(SourceFailure.class::isInstance).map(SourceFailure.class::cast).toList();
    }

    /** Results by request, in the order first requested. */
    public Map<SourceRequest, SourceResult> byRequest() {
        return byRequest;
    }

    @Override
    public String toString() {
        return "SourceSnapshot[" + results.size() + " results, " + commits.size() + " branches, " + fetches + " fetches]";
    }
}
