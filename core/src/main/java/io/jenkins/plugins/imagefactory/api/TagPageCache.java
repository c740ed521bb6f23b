package io.jenkins.plugins.imagefactory.api;

import io.jenkins.plugins.imagefactory.status.TagSource.TagPage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last good tag page per (repository, page, page size) and when it was fetched. Within the
 * config's {@code tags.cacheTtl} it is the answer, so a Versions tab viewed again costs the
 * registry nothing; past it the registry is asked again, and the old page stays the answer (marked
 * stale) while the registry fails (Req 12.6). Bounded: the least recently used pages go first.
 */
public final class TagPageCache {

    record Key(String repository, int page, int perPage) {
    }

    record Cached(TagPage page, Instant fetchedAt) {

        Duration age(Instant now) {
            Duration age = Duration.between(fetchedAt, now);
            return age.isNegative() ? Duration.ZERO : age;
        }

        boolean freshAt(Instant now, Duration ttl) {
            return age(now).compareTo(ttl) < 0;
        }
    }

    private final Map<Key, Cached> pages;

    public TagPageCache(int capacity) {
        this.pages = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Cached put(Key key, TagPage page, Instant at) {
        Cached cached = new Cached(page, at);
        pages.put(key, cached);
        return cached;
    }

    synchronized Optional<Cached> get(Key key) {
        return Optional.ofNullable(pages.get(key));
    }
}
