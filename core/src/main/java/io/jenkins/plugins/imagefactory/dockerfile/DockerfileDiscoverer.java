package io.jenkins.plugins.imagefactory.dockerfile;

import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.source.GitSourceReader;
import io.jenkins.plugins.imagefactory.source.SourceFailure;
import io.jenkins.plugins.imagefactory.source.SourceFile;
import io.jenkins.plugins.imagefactory.source.SourceKey;
import io.jenkins.plugins.imagefactory.source.SourceRequest;
import io.jenkins.plugins.imagefactory.source.SourceResult;
import io.jenkins.plugins.imagefactory.source.SourceSnapshot;
import io.jenkins.plugins.imagefactory.source.SourceUnchanged;
import io.jenkins.plugins.imagefactory.state.DiscoveryRecord;
import io.jenkins.plugins.imagefactory.state.DiscoveredBase;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.sync.Discoverer;
import io.jenkins.plugins.imagefactory.sync.DiscoveryOutcome;
import io.jenkins.plugins.imagefactory.sync.GraphBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery step: read every enrollment's Dockerfile from git (one fetch per repository per
 * cycle) and analyse it. A Dockerfile whose commit, build args and target did not change is
 * neither read nor analysed again: the reader is told the commit each was last read at. One
 * enrollment's failure (unreachable repository, missing file, bad Dockerfile, a Dockerfile past the
 * {@link ExpansionBudget} limits, even a fault in the analyzer) is recorded against it and never
 * stops the others (Req 8.1).
 */
public final class DockerfileDiscoverer implements Discoverer {

    private static final Logger LOG = LoggerFactory.getLogger(DockerfileDiscoverer.class);

    private final GitSourceReader reader;
    private final Map<String, DiscoveryOutcome.Found> cache = new ConcurrentHashMap<>();
    private int analysed;

    public DockerfileDiscoverer(GitSourceReader reader) {
        this.reader = reader;
    }

    @Override
    public Map<String, DiscoveryOutcome> discover(List<Enrollment> enrollments, Map<String, ImageState> previous) {
        Map<Enrollment, SourceRequest> requests = new LinkedHashMap<>();
        Map<String, DiscoveryOutcome> out = new LinkedHashMap<>();
        for (Enrollment enrollment : enrollments) {
            try {
                requests.put(enrollment, SourceRequest.of(enrollment.source()));
            } catch (IllegalArgumentException e) {
                out.put(enrollment.name(), new DiscoveryOutcome.Failed("source: " + e.getMessage()));
            }
        }
        Map<Enrollment, DiscoveryRecord> reusable = new LinkedHashMap<>();
        requests.keySet().forEach(enrollment -> GraphBuilder.lastDiscovery(enrollment, previous)
                .filter(last -> reusable(enrollment, last)).ifPresent(last -> reusable.put(enrollment, last)));
        SourceSnapshot snapshot = reader.readAll(new ArrayList<>(requests.values()), knownCommits(requests, reusable));
        requests.forEach((enrollment, request) -> out.put(enrollment.name(),
                outcome(enrollment, snapshot.resultFor(request).orElse(null), previous, reusable.get(enrollment))));
        return out;
    }

    /**
     * The commit each request's content is known at, so the reader skips files whose branch did
     * not move: a request is known only when every enrollment reading it can reuse its last
     * discovery from that one commit.
     */
    private static Map<SourceRequest, String> knownCommits(Map<Enrollment, SourceRequest> requests,
                                                           Map<Enrollment, DiscoveryRecord> reusable) {
        Map<SourceRequest, String> known = new HashMap<>();
        Set<SourceRequest> mustRead = new HashSet<>();
        requests.forEach((enrollment, request) -> {
            DiscoveryRecord last = reusable.get(enrollment);
            String before = last == null ? null : known.putIfAbsent(request, last.commit());
            if (last == null || before != null && !before.equals(last.commit())) {
                mustRead.add(request);
            }
        });
        known.keySet().removeAll(mustRead);
        return known;
    }

    /**
     * Whether a last discovery is what analysing the same file at its commit again would give: same
     * file, build args and target. A record from before targets were recorded has none, so an
     * enrollment with a target reads its Dockerfile once more and records it.
     */
    private static boolean reusable(Enrollment enrollment, DiscoveryRecord last) {
        return last.error() == null && last.commit() != null
                && SourceRequest.of(enrollment.source()).path().equals(last.dockerfile())
                && enrollment.source().buildArgs().equals(last.buildArgs())
                && Objects.equals(enrollment.source().target(), last.target());
    }

    /** Dockerfiles analysed so far (cache misses), for tests and progress. */
    public int analysed() {
        return analysed;
    }

    private DiscoveryOutcome outcome(Enrollment enrollment, SourceResult result, Map<String, ImageState> previous,
                                     DiscoveryRecord reusable) {
        if (result == null) {
            return new DiscoveryOutcome.Failed("source: no result for " + enrollment.source().repository());
        }
        if (result instanceof SourceUnchanged unchanged && reusable != null && unchanged.commitId().equals(reusable.commit())) {
            return new DiscoveryOutcome.Found(reusable.commit(), reusable.dockerfile(), reusable.buildArgs(),
                    reusable.target(), reusable.bases());
        }
        if (result instanceof SourceUnchanged) {
            // the reader was told this content is known; it never is without a reusable discovery
            return new DiscoveryOutcome.Failed("source: " + enrollment.source().dockerfile() + " was not read again although"
                    + " no earlier discovery of it can be reused; this is a bug in Image Factory");
        }
        if (result instanceof SourceFailure failure) {
            return new DiscoveryOutcome.Failed("source " + failure.kind().name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + ": " + failure.message());
        }
        SourceFile file = (SourceFile) result;
        String key = SourceKey.of(file, enrollment.source().buildArgs(), enrollment.source().target()).fingerprint();
        DiscoveryOutcome.Found cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        // After a restart the cache is empty, but state remembers what this commit gave.
        var last = GraphBuilder.lastDiscovery(enrollment, previous).orElse(null);
        if (last != null && reusable(enrollment, last) && file.commitId().equals(last.commit())) {
            DiscoveryOutcome.Found reused = new DiscoveryOutcome.Found(last.commit(), last.dockerfile(), last.buildArgs(),
                    last.target(), last.bases());
            cache.put(key, reused);
            return reused;
        }
        try {
            DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(file.text(), enrollment.source().buildArgs(),
                    enrollment.source().target());
            analysed++;
            List<DiscoveredBase> bases = analysis.dependencies().stream().map(d -> new DiscoveredBase(d.ref().canonical(),
                    d.instruction().text(), d.stage(), d.primary(), d.pinned(), d.reachable())).toList();
            DiscoveryOutcome.Found found = new DiscoveryOutcome.Found(file.commitId(), file.path(),
                    enrollment.source().buildArgs(), enrollment.source().target(), bases);
            cache.put(key, found);
            return found;
        } catch (DockerfileException e) {
            LOG.info("Dockerfile of {} at {} ({}): {}", enrollment.name(), file.path(), shortCommit(file.commitId()),
                    e.getMessage());
            return new DiscoveryOutcome.Failed(file.path() + " at " + shortCommit(file.commitId()) + ": " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // A fault in the analyzer itself must cost this image its discovery, never the whole cycle.
            LOG.warn("Dockerfile of {} at {} ({}) could not be analysed", enrollment.name(), file.path(),
                    shortCommit(file.commitId()), e);
            return new DiscoveryOutcome.Failed(file.path() + " at " + shortCommit(file.commitId())
                    + ": could not be analysed (" + e.getClass().getSimpleName() + "); this is a bug in Image Factory");
        }
    }

    private static String shortCommit(String commit) {
        return commit.substring(0, Math.min(12, commit.length()));
    }
}
