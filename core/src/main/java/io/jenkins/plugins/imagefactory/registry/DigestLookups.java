package io.jenkins.plugins.imagefactory.registry;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The current digests of many references, asked concurrently: as many requests in flight as the
 * registries involved allow together ({@code registries[].concurrency} each, which the client
 * enforces per host), answers in the order asked, each failure kept with its reference.
 */
public final class DigestLookups {

    /** More threads than this only wait on the per-registry limits. */
    static final int MAX_THREADS = 64;

    private DigestLookups() {
    }

    /**
     * One reference's answer.
     *
     * @param reference what was asked
     * @param digest    its digest, or {@code null} when {@code error} says why not
     * @param error     why the registry gave no digest, or {@code null}
     */
    public record Lookup(ImageReference reference, ManifestDigest digest, RegistryException error) {
    }

    public static List<Lookup> of(RegistryClient client, List<ImageReference> references, Collection<Platform> platforms) {
        Set<String> hosts = new LinkedHashSet<>();
        references.forEach(reference -> hosts.add(reference.registry()));
        int threads = Math.min(Math.min(MAX_THREADS, Math.max(1, references.size())),
                hosts.stream().mapToInt(client::concurrency).sum());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "digest-lookup");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Lookup>> futures = new ArrayList<>();
            for (ImageReference reference : references) {
                futures.add(pool.submit(() -> {
                    try {
                        return new Lookup(reference, client.digest(reference, platforms), null);
                    } catch (RegistryException e) {
                        return new Lookup(reference, null, e);
                    }
                }));
            }
            List<Lookup> out = new ArrayList<>(references.size());
            for (Future<Lookup> future : futures) {
                out.add(await(future));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Lookup await(Future<Lookup> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for digests", e);
        } catch (ExecutionException e) {
            // RegistryException is answered in the task; anything else is a bug worth its stack trace
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }
}
