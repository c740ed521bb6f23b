package io.jenkins.plugins.imagefactory.watch;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.ManifestDigest;
import io.jenkins.plugins.imagefactory.registry.MediaTypes;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.sync.CheckTarget;
import io.jenkins.plugins.imagefactory.sync.DigestCheck;
import io.jenkins.plugins.imagefactory.sync.DigestChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync engine's digest step on top of {@link DigestWatcher}. Known digests come from state;
 * when each reference was last checked is kept in a small local file (not in git, so an idle cycle
 * commits nothing) so that the least recently checked go first when a rate budget runs out.
 * Hinted references (webhooks, people) are checked before the periodic ones.
 */
public final class WatcherDigestChecker implements DigestChecker {

    private static final Logger LOG = LoggerFactory.getLogger(WatcherDigestChecker.class);

    private final DigestWatcher watcher;
    private final io.jenkins.plugins.imagefactory.registry.RegistryClient client;
    private final Path lastCheckedFile;
    private final Map<String, Instant> lastChecked;

    /**
     * @param lastCheckedFile where check times persist between runs, or {@code null} for memory only
     */
    public WatcherDigestChecker(DigestWatcher watcher, io.jenkins.plugins.imagefactory.registry.RegistryClient client,
                                Path lastCheckedFile) {
        this.watcher = watcher;
        this.client = client;
        this.lastCheckedFile = lastCheckedFile;
        this.lastChecked = load(lastCheckedFile);
    }

    @Override
    public Map<String, DigestCheck> check(
            List<CheckTarget> targets, Map<String, ImageState> previous) {
        Map<DetectedBy, List<WatchTarget>> bySource = new EnumMap<>(DetectedBy.class);
        Map<ImageReference, KnownDigest> known = new HashMap<>();
        Map<ImageReference, CheckTarget> byReference = new HashMap<>();
        for (var target : targets) {
            byReference.putIfAbsent(target.reference(), target);
            bySource.computeIfAbsent(target.detectedBy(), k -> new ArrayList<>())
                    .add(new WatchTarget(target.reference(), new TreeSet<>(target.platforms())));
            ImageState state = previous.get(target.reference().canonical());
            Instant checked = lastChecked.get(target.reference().canonical());
            if (state != null && state.digest() != null) {
                Map<Platform, String> platforms = new HashMap<>();
                state.platforms().forEach((platform, digest) -> platforms.put(Platform.parse(platform), digest));
                String mediaType = platforms.isEmpty() ? null : MediaTypes.OCI_INDEX;
                known.put(target.reference(), new KnownDigest(state.digest(), mediaType, platforms, checked));
            } else if (checked != null) {
                known.put(target.reference(), new KnownDigest(null, null, Map.of(), checked));
            }
        }
        Map<String, DigestCheck> out = new HashMap<>();
        int deferred = 0;
        // Hints first, so a spent rate budget never defers what a webhook or a person asked for.
        for (DetectedBy source : List.of(DetectedBy.WEBHOOK, DetectedBy.MANUAL, DetectedBy.POLL)) {
            List<WatchTarget> group = bySource.getOrDefault(source, List.of());
            if (group.isEmpty()) {
                continue;
            }
            for (CheckOutcome outcome : watcher.check(group, known, source).outcomes()) {
                String key = outcome.reference().canonical();
                if (outcome instanceof CheckOutcome.Deferred) {
                    deferred++;
                    continue;
                }
                out.put(key, withBuiltFrom(translate(outcome, source, lastGood(previous.get(key), lastChecked.get(key))),
                        outcome, byReference.get(outcome.reference())));
                lastChecked.put(key, checkedAt(outcome));
            }
        }
        if (deferred > 0) {
            LOG.info("Deferred {} reference(s) to the next cycle: a registry's rate budget is nearly spent", deferred);
        }
        save();
        return out;
    }

    /** A managed image with a digest new to us: read what its annotations say it was built from. */
    private DigestCheck withBuiltFrom(DigestCheck outcome,
            CheckOutcome raw, CheckTarget target) {
        if (!(outcome instanceof DigestCheck.Seen seen)
                || !(raw instanceof CheckOutcome.Updated || raw instanceof CheckOutcome.Discovered)) {
            return outcome;
        }
        if (target == null || !target.managed()) {
            return outcome;
        }
        try {
            return client.baseAnnotation(target.reference(), seen.digest(), target.platforms())
                    .map(a -> (DigestCheck) new DigestCheck.Seen(
                            seen.digest(), seen.platforms(), seen.pushedAt(), seen.detectedBy(),
                            new io.jenkins.plugins.imagefactory.state.BuiltFrom(a.name(), a.digest())))
                    .orElse(outcome);
        } catch (io.jenkins.plugins.imagefactory.registry.RegistryException e) {
            LOG.info("Could not read the base annotations of {}: {}", target.reference(), e.getMessage());
            return outcome;
        }
    }

    /**
     * When the last check that worked was made: the previous check time, if that check worked (the
     * state then carries a digest and no error); otherwise unknown here, and the failure carries on
     * the time it recorded when it began.
     */
    private static Instant lastGood(ImageState previous, Instant previouslyChecked) {
        return previous != null && previous.digest() != null && previous.error() == null ? previouslyChecked : null;
    }

    private static DigestCheck translate(CheckOutcome outcome, DetectedBy source,
                                                                               Instant lastGood) {
        if (outcome instanceof CheckOutcome.Updated updated) {
            return seen(updated.current(), updated.pushedAt(), updated.how());
        }
        if (outcome instanceof CheckOutcome.Discovered discovered) {
            return seen(discovered.current(), null, source);
        }
        if (outcome instanceof CheckOutcome.Unchanged unchanged) {
            return seen(unchanged.current(), null, source);
        }
        return new DigestCheck.Failed(((CheckOutcome.Failed) outcome).message(), lastGood);
    }

    private static DigestCheck seen(ManifestDigest manifest, Instant pushedAt,
                                                                          DetectedBy how) {
        Map<String, String> platforms = new TreeMap<>();
        manifest.platformDigests().forEach((platform, digest) -> platforms.put(platform.toString(), digest));
        return new DigestCheck.Seen(manifest.digest(), platforms, pushedAt, how);
    }

    private static Instant checkedAt(CheckOutcome outcome) {
        if (outcome instanceof CheckOutcome.Updated updated) {
            return updated.detectedAt();
        }
        if (outcome instanceof CheckOutcome.Discovered discovered) {
            return discovered.checkedAt();
        }
        if (outcome instanceof CheckOutcome.Unchanged unchanged) {
            return unchanged.checkedAt();
        }
        return ((CheckOutcome.Failed) outcome).failedAt();
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
