package io.jenkins.plugins.imagefactory.dockerfile;

import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.source.GitSourceReader;
import io.jenkins.plugins.imagefactory.source.SourceFailure;
import io.jenkins.plugins.imagefactory.source.SourceFile;
import io.jenkins.plugins.imagefactory.source.SourceKey;
import io.jenkins.plugins.imagefactory.source.SourceRequest;
import io.jenkins.plugins.imagefactory.source.SourceResult;
import io.jenkins.plugins.imagefactory.source.SourceSnapshot;
import io.jenkins.plugins.imagefactory.state.DiscoveredBase;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.sync.Discoverer;
import io.jenkins.plugins.imagefactory.sync.DiscoveryOutcome;
import io.jenkins.plugins.imagefactory.sync.GraphBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery step: read every enrollment's Dockerfile from git (one fetch per repository per
 * cycle) and analyse it. A Dockerfile whose commit, build args and target did not change is not
 * analysed again. One enrollment's failure (unreachable repository, missing file, bad Dockerfile,
 * a Dockerfile past the {@link ExpansionBudget} limits, even a fault in the analyzer) is recorded
 * against it and never stops the others (Req 8.1).
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
        SourceSnapshot snapshot = reader.readAll(new ArrayList<>(requests.values()));
        requests.forEach((enrollment, request) -> out.put(enrollment.name(),
                outcome(enrollment, snapshot.resultFor(request).orElse(null), previous)));
        return out;
    }

    /** Dockerfiles analysed so far (cache misses), for tests and progress. */
    public int analysed() {
        return analysed;
    }

    private DiscoveryOutcome outcome(Enrollment enrollment, SourceResult result, Map<String, ImageState> previous) {
        if (result == null) {
            return new DiscoveryOutcome.Failed("source: no result for " + enrollment.source().repository());
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
        if (last != null && last.error() == null && file.commitId().equals(last.commit())
                && file.path().equals(last.dockerfile()) && enrollment.source().buildArgs().equals(last.buildArgs())
                && enrollment.source().target() == null) {
            DiscoveryOutcome.Found reused = new DiscoveryOutcome.Found(last.commit(), last.dockerfile(), last.buildArgs(),
                    last.bases());
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
                    enrollment.source().buildArgs(), bases);
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
