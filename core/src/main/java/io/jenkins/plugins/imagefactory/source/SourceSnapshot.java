package io.jenkins.plugins.imagefactory.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one read cycle saw.
 *
 * @param results one per distinct request, in the order first requested
 * @param commits the branch tip each successfully listed (repository, branch) had in this cycle
 * @param fetches how many fetches this cycle performed (at most one per repository; none when
 *                every requested tip was already mirrored)
 */
public record SourceSnapshot(List<SourceResult> results, Map<RepositoryBranch, String> commits, int fetches) {

    public SourceSnapshot {
        results = List.copyOf(results);
        commits = Map.copyOf(commits);
    }

    public Optional<SourceResult> resultFor(SourceRequest request) {
        return results.stream().filter(result -> result.request().equals(request)).findFirst();
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

    /** Results by request, for callers that look many up. */
    public Map<SourceRequest, SourceResult> byRequest() {
        Map<SourceRequest, SourceResult> map = new LinkedHashMap<>();
        results.forEach(result -> map.put(result.request(), result));
        return map;
    }
}
