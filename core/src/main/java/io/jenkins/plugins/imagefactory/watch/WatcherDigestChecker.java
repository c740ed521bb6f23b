package io.jenkins.plugins.imagefactory.watch;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.sync.CheckOutcome;
import io.jenkins.plugins.imagefactory.sync.DigestChecker;
import io.jenkins.plugins.imagefactory.sync.WatchTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync engine's digest step on top of {@link DigestWatcher}. Known digests come from state;
 * when each reference was last checked is kept in a small local file (not in git, so an idle cycle
 * commits nothing) so that the least recently checked go first when a rate budget runs out.
 */
public final class WatcherDigestChecker implements DigestChecker {

    private static final Logger LOG = LoggerFactory.getLogger(WatcherDigestChecker.class);

    private final DigestWatcher watcher;
    private final Path lastCheckedFile;
    private final Map<String, Instant> lastChecked;

    /**
     * @param lastCheckedFile where check times persist between runs, or {@code null} for memory only
     */
    public WatcherDigestChecker(DigestWatcher watcher, Path lastCheckedFile) {
        this.watcher = watcher;
        this.lastCheckedFile = lastCheckedFile;
        this.lastChecked = load(lastCheckedFile);
    }

    @Override
    public Map<String, CheckOutcome> check(List<WatchTarget> targets, Map<String, ImageState> previous) {
        List<WatchRequest> requests = targets.stream()
                .map(t -> new WatchRequest(t.reference(), new LinkedHashSet<>(t.platforms()), t.detectedBy()))
                .toList();
        Map<ImageReference, KnownDigest> known = new HashMap<>();
        for (WatchTarget target : targets) {
            ImageState state = previous.get(target.reference().canonical());
            if (state != null && state.digest() != null) {
                Map<Platform, String> platforms = new HashMap<>();
                state.platforms().forEach((platform, digest) -> platforms.put(Platform.parse(platform), digest));
                known.put(target.reference(), new KnownDigest(state.digest(), null, platforms,
                        lastChecked.get(target.reference().canonical())));
            }
        }
        WatchCycle cycle = watcher.check(requests, known);
        Map<String, CheckOutcome> out = new HashMap<>();
        for (CheckResult result : cycle.results().values()) {
            String key = result.reference().canonical();
            lastChecked.put(key, result.checkedAt());
            out.put(key, outcome(result, targets));
        }
        if (!cycle.deferred().isEmpty()) {
            LOG.info("Deferred {} reference(s) to the next cycle: registry rate budget nearly spent", cycle.deferred().size());
        }
        save();
        return out;
    }

    private static CheckOutcome outcome(CheckResult result, List<WatchTarget> targets) {
        var how = targets.stream().filter(t -> t.reference().equals(result.reference())).findFirst()
                .map(WatchTarget::detectedBy).orElse(io.jenkins.plugins.imagefactory.state.DetectedBy.POLL);
        if (result instanceof CheckResult.FirstSeen first) {
            return new CheckOutcome.Seen(first.digest(), keys(first.platformDigests()), null, how);
        }
        if (result instanceof CheckResult.Unchanged same) {
            return new CheckOutcome.Seen(same.digest(), keys(same.platformDigests()), null, how);
        }
        if (result instanceof CheckResult.Updated updated) {
            return new CheckOutcome.Seen(updated.newDigest(), keys(updated.platformDigests()), updated.pushedAt(), updated.how());
        }
        return new CheckOutcome.Failed(((CheckResult.Failed) result).message());
    }

    private static Map<String, String> keys(Map<Platform, String> platforms) {
        Map<String, String> out = new TreeMap<>();
        platforms.forEach((platform, digest) -> out.put(platform.toString(), digest));
        return out;
    }

    private static Map<String, Instant> load(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return new HashMap<>();
        }
        try {
            return new HashMap<>(StateMapper.json().readValue(file.toFile(), new TypeReference<Map<String, Instant>>() { }));
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable check-time cache {}: {}", file, e.getMessage());
            return new HashMap<>();
        }
    }

    private void save() {
        if (lastCheckedFile == null) {
            return;
        }
        try {
            Files.createDirectories(lastCheckedFile.getParent());
            Path temporary = lastCheckedFile.resolveSibling(lastCheckedFile.getFileName() + ".tmp");
            StateMapper.json().writeValue(temporary.toFile(), new TreeMap<>(lastChecked));
            Files.move(temporary, lastCheckedFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("Could not save the check-time cache {}: {}", lastCheckedFile, e.getMessage());
        }
    }
}
