package io.jenkins.plugins.imagefactory.api;

import io.jenkins.plugins.imagefactory.status.TagSource.TagPage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last good answer per (image, page, page size), so that a registry outage shows slightly old
 * tags instead of none (Req 12.6). Bounded: the least recently used pages go first.
 */
public final class TagPageCache {

    record Key(String image, int page, int perPage) {
    }

    record Cached(TagPage page, Instant fetchedAt) {
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

    synchronized void put(Key key, TagPage page, Instant at) {
        pages.put(key, new Cached(page, at));
    }

    synchronized Optional<Cached> get(Key key) {
        return Optional.ofNullable(pages.get(key));
    }
}
