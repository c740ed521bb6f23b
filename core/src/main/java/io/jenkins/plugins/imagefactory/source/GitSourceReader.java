package io.jenkins.plugins.imagefactory.source;

import io.jenkins.plugins.imagefactory.git.GitNetwork;
import io.jenkins.plugins.imagefactory.net.EgressPolicy;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.git.GitUrlTarget;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads files (Dockerfiles) from branch tips of git repositories through bare local mirrors kept
 * in a work directory across cycles.
 *
 * <p>Per cycle and repository URL it lists the remote's branches once, then fetches, in one
 * shallow fetch, only the requested branches whose tip is not mirrored yet; many enrollments in a
 * monorepo therefore cost one listing and at most one fetch. Files are read straight from the
 * commit's tree. A failure (bad URL, missing branch or file, refused credentials) fails only the
 * requests it concerns.
 *
 * <p>https URLs are fetched with the credentials reference {@link SourceCredentials} names for
 * them; a bare token is sent with the user name {@code x-access-token}. ssh is not supported yet:
 * plain JGit has no ssh client, and adding one is a dependency decision.
 */
public final class GitSourceReader {

    /** Larger than any sane Dockerfile; guards memory against a path that names a big binary. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final String TOKEN_USERNAME = "x-access-token";

    private static final Logger LOG = LoggerFactory.getLogger(GitSourceReader.class);

    private final Path mirrorsDir;
    private final SecretResolver secrets;
    private final SourceCredentials credentials;
    private final Duration timeout;
    private final RetryPolicy retry;
    /** Why file:// and path repositories are refused on this host, or null when they are read. */
    private final String localRefusal;
    private final GitNetwork network;
    private final EgressPolicy egress;
    private final AtomicLong fetchCount = new AtomicLong();
    private final AtomicLong fileReads = new AtomicLong();
    private final Map<RepositoryBranch, String> lastCommits = new ConcurrentHashMap<>();

    public GitSourceReader(Path workDir, SecretResolver secrets, SourceCredentials credentials) {
        this(workDir, secrets, credentials, DEFAULT_TIMEOUT, RetryPolicy.standard());
    }

    /**
     * @param workDir     where mirrors are kept (a {@code mirrors} directory is made inside); reuse it
     *                    across cycles and restarts so later fetches transfer only what is new
     * @param secrets     the host's secret store
     * @param credentials which credentials reference each https URL uses
     * @param timeout     how long one network operation may stall, at least one second
     * @param retry       how transient transport errors are retried
     */
    public GitSourceReader(Path workDir, SecretResolver secrets, SourceCredentials credentials, Duration timeout,
                           RetryPolicy retry) {
        this.mirrorsDir = Objects.requireNonNull(workDir, "workDir").resolve("mirrors");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 second (JGit counts whole seconds), was "
                    + timeout);
        }
        this.retry = Objects.requireNonNull(retry, "retry");
        this.localRefusal = null;
        this.network = GitNetwork.direct();
        this.egress = EgressPolicy.ALLOW_ALL;
    }

    private GitSourceReader(GitSourceReader from, String localRefusal, GitNetwork network, EgressPolicy egress) {
        this.mirrorsDir = from.mirrorsDir;
        this.secrets = from.secrets;
        this.credentials = from.credentials;
        this.timeout = from.timeout;
        this.retry = from.retry;
        this.localRefusal = localRefusal;
        this.network = Objects.requireNonNull(network, "network");
        this.egress = Objects.requireNonNull(egress, "egress");
    }

    /** This reader, reaching repositories the way {@code network} says (the host's proxies). */
    public GitSourceReader withNetwork(GitNetwork network) {
        return new GitSourceReader(this, localRefusal, network, egress);
    }

    /**
     * This reader, refusing {@code file://} and plain-path repositories: on a shared host (Jenkins)
     * whoever can merge to the config repo must not read the host's own disk. Each such image gets
     * a discovery error ending with {@code howToAllow}.
     */
    public GitSourceReader refusingLocalRepositories(String howToAllow) {
        return new GitSourceReader(this, Objects.requireNonNull(howToAllow, "howToAllow"), network, egress);
    }

    /** This reader, reading only from hosts the config's {@code egress.allow} lists. */
    public GitSourceReader withEgress(EgressPolicy policy) {
        return new GitSourceReader(this, localRefusal, network, policy);
    }

    /** Reads every request; duplicates are read once. Never throws for a request's own failure. */
    public SourceSnapshot readAll(Collection<SourceRequest> requests) {
        return readAll(requests, Map.of());
    }

    /**
     * Reads every request whose branch tip is not the commit {@code known} gives for it; those
     * are answered {@link SourceUnchanged} without reading the file again.
     *
     * @param known for requests whose content the caller holds, the commit it was read at
     */
    public synchronized SourceSnapshot readAll(Collection<SourceRequest> requests, Map<SourceRequest, String> known) {
        Map<String, List<SourceRequest>> byRepository = new LinkedHashMap<>();
        new LinkedHashSet<>(requests).forEach(request ->
                byRepository.computeIfAbsent(request.repository(), url -> new ArrayList<>()).add(request));

        long fetchesBefore = fetchCount.get();
        Map<SourceRequest, SourceResult> results = new LinkedHashMap<>();
        Map<RepositoryBranch, String> commits = new LinkedHashMap<>();
        byRepository.forEach((url, repositoryRequests) -> {
            try {
                new RepositoryRead(url, repositoryRequests, known).run(results, commits);
            } catch (RuntimeException unexpected) {
                // One repository's surprise must not cost the others their cycle.
                LOG.warn("Reading sources from {} failed unexpectedly", RepositoryUrl.redact(url), unexpected);
                String message = "reading " + RepositoryUrl.redact(url) + " failed unexpectedly: "
                        + TransportErrors.scrub(String.valueOf(unexpected.getMessage()), null);
                repositoryRequests.forEach(request -> results.putIfAbsent(request,
                        SourceFailure.of(request, SourceFailure.Kind.LOCAL_ERROR, message)));
            }
        });
        lastCommits.putAll(commits);
        List<SourceResult> ordered = new LinkedHashSet<>(requests).stream().map(results::get).toList();
        return new SourceSnapshot(ordered, commits, (int) (fetchCount.get() - fetchesBefore));
    }

    /** Fetches performed since this reader was made; retries of one fetch count once. */
    public long fetchCount() {
        return fetchCount.get();
    }

    /**
     * Files looked up in a commit since this reader was made (found or not): what an idle cycle
     * must not do for a Dockerfile whose branch did not move from the commit it was known at.
     */
    public long fileReads() {
        return fileReads.get();
    }

    /** The branch tip the most recent cycle that could list the branch saw. */
    public Optional<String> lastCommit(String repository, String branch) {
        return Optional.ofNullable(lastCommits.get(new RepositoryBranch(repository, branch)));
    }

    /** One repository's part of a cycle. */
    private final class RepositoryRead {

        private final String url;
        private final String shownUrl;
        private final List<SourceRequest> requests;
        private final Map<SourceRequest, String> known;
        private CredentialsProvider credentialsProvider;
        private String secretValue;

        RepositoryRead(String url, List<SourceRequest> requests, Map<SourceRequest, String> known) {
            this.url = url;
            this.shownUrl = RepositoryUrl.redact(url);
            this.requests = requests;
            this.known = known;
        }

        void run(Map<SourceRequest, SourceResult> results, Map<RepositoryBranch, String> commits) {
            Map<String, ObjectId> tips;
            try {
                checkUrl();
                resolveCredentials();
                tips = listBranches();
            } catch (SourceReadException e) {
                failAll(requests, e, results);
                return;
            }

            Map<String, List<SourceRequest>> byBranch = new LinkedHashMap<>();
            requests.forEach(r -> byBranch.computeIfAbsent(r.branch(), b -> new ArrayList<>()).add(r));
            byBranch.keySet().stream().filter(branch -> !tips.containsKey(branch)).toList().forEach(branch -> {
                String message = "branch '" + branch + "' does not exist in " + shownUrl + "; it has "
                        + describeBranches(tips.keySet());
                byBranch.remove(branch).forEach(request ->
                        results.put(request, SourceFailure.of(request, SourceFailure.Kind.NO_SUCH_BRANCH, message)));
            });
            if (byBranch.isEmpty()) {
                return;
            }

            try (Repository mirror = openMirror()) {
                Map<String, ObjectId> fetched = fetchMissing(mirror, byBranch.keySet(), tips);
                byBranch.forEach((branch, branchRequests) -> {
                    ObjectId commit = fetched.get(branch);
                    commits.put(new RepositoryBranch(url, branch), commit.name());
                    branchRequests.forEach(request -> results.put(request, commit.name().equals(known.get(request))
                            ? new SourceUnchanged(request, commit.name()) : readFile(mirror, request, commit)));
                });
            } catch (SourceReadException e) {
                failAll(byBranch.values().stream().flatMap(List::stream).toList(), e, results);
            }
        }

        private void checkUrl() throws SourceReadException {
            RepositoryUrl.Transport transport = RepositoryUrl.transportOf(url);
            if (transport != RepositoryUrl.Transport.LOCAL && !egress.permits(GitUrlTarget.of(url).getHost(), -1)) {
                throw new SourceReadException(SourceFailure.Kind.UNSUPPORTED_URL, false, "repository " + shownUrl
                        + " not read: " + egress.refusal(GitUrlTarget.of(url).getHost()));
            }
            if (RepositoryUrl.embedsPassword(url)) {
                throw new SourceReadException(SourceFailure.Kind.UNSUPPORTED_URL, false, "repository URL "
                        + shownUrl + " embeds a password; configure a credentials reference for it instead,"
                        + " so the secret stays out of the config repository");
            }
            switch (RepositoryUrl.transportOf(url)) {
                case LOCAL -> {
                    if (localRefusal != null) {
                        throw new SourceReadException(SourceFailure.Kind.UNSUPPORTED_URL, false, "repository "
                                + shownUrl + " is on this host's own disk, which is refused here; " + localRefusal);
                    }
                }
                case SSH -> throw new SourceReadException(SourceFailure.Kind.UNSUPPORTED_URL, false,
                        "repository URL " + shownUrl + " uses ssh, which is not supported yet (plain JGit has"
                                + " no ssh client); use its https URL with a token credentials reference");
                case UNKNOWN -> throw new SourceReadException(SourceFailure.Kind.UNSUPPORTED_URL, false,
                        "repository URL " + shownUrl + " has an unsupported scheme; expected https://,"
                                + " http://, git://, file:// or a local path");
                default -> { }
            }
        }

        private void resolveCredentials() throws SourceReadException {
            if (RepositoryUrl.transportOf(url) != RepositoryUrl.Transport.HTTP) {
                return;
            }
            Optional<String> reference = credentials.referenceFor(url).filter(r -> !r.isBlank());
            if (reference.isEmpty()) {
                return;
            }
            Secret secret = secrets.resolve(reference.get(), GitUrlTarget.of(url)).orElseThrow(() -> new SourceReadException(
                    SourceFailure.Kind.AUTH, false, "credentials reference '" + reference.get()
                    + "' configured for " + shownUrl + " is not known to this host's secret store"));
            secretValue = secret.value();
            credentialsProvider = new UsernamePasswordCredentialsProvider(
                    secret.hasUsername() ? secret.username() : TOKEN_USERNAME, secret.value());
        }

        private Map<String, ObjectId> listBranches() throws SourceReadException {
            Map<String, Ref> refs = withRetry("list branches of", () -> Git.lsRemoteRepository()
                    .setRemote(url)
                    .setHeads(true)
                    .setTimeout(timeoutSeconds())
                    .setCredentialsProvider(credentialsProvider)
                    .setTransportConfigCallback(network.callback())
                    .callAsMap());
            Map<String, ObjectId> tips = new LinkedHashMap<>();
            refs.forEach((name, ref) -> {
                if (name.startsWith(Constants.R_HEADS) && ref.getObjectId() != null) {
                    tips.put(name.substring(Constants.R_HEADS.length()), ref.getObjectId());
                }
            });
            return tips;
        }

        /** Fetches, in one shallow fetch, the branches whose listed tip the mirror lacks; returns each branch's tip. */
        private Map<String, ObjectId> fetchMissing(Repository mirror, Set<String> branches, Map<String, ObjectId> tips)
                throws SourceReadException {
            List<String> missing = new ArrayList<>();
            for (String branch : branches) {
                if (!hasObject(mirror, tips.get(branch))) {
                    missing.add(branch);
                }
            }
            if (!missing.isEmpty()) {
                List<RefSpec> specs = missing.stream()
                        .map(branch -> new RefSpec("+" + Constants.R_HEADS + branch + ":" + Constants.R_HEADS + branch))
                        .toList();
                fetchCount.incrementAndGet();
                LOG.debug("Fetching {} branch(es) {} of {}", missing.size(), missing, shownUrl);
                FetchResult fetched = withRetry("fetch " + missing + " from", () -> {
                    try (Git git = new Git(mirror)) {
                        FetchCommand fetch = git.fetch()
                                .setRemote(url)
                                .setRefSpecs(specs)
                                .setDepth(1)
                                .setTagOpt(TagOpt.NO_TAGS)
                                .setTimeout(timeoutSeconds())
                                .setCredentialsProvider(credentialsProvider)
                                .setTransportConfigCallback(network.callback());
                        return fetch.call();
                    }
                });
                checkRefsUpdated(fetched, missing);
            }
            Map<String, ObjectId> result = new LinkedHashMap<>();
            for (String branch : branches) {
                result.put(branch, missing.contains(branch) ? mirroredTip(mirror, branch) : tips.get(branch));
                if (!missing.contains(branch)) {
                    pinMirrorRef(mirror, branch, tips.get(branch));
                }
            }
            return result;
        }

        /** A ref the mirror failed to move (locked by a crashed process, say) would silently serve an old commit. */
        private void checkRefsUpdated(FetchResult fetched, List<String> branches) throws SourceReadException {
            for (String branch : branches) {
                TrackingRefUpdate update = fetched.getTrackingRefUpdate(Constants.R_HEADS + branch);
                if (update != null && (update.getResult() == RefUpdate.Result.LOCK_FAILURE
                        || update.getResult() == RefUpdate.Result.IO_FAILURE
                        || update.getResult() == RefUpdate.Result.REJECTED
                        || update.getResult() == RefUpdate.Result.REJECTED_OTHER_REASON)) {
                    throw new SourceReadException(SourceFailure.Kind.LOCAL_ERROR, false, "fetched branch '" + branch
                            + "' of " + shownUrl + " but could not update it in the local mirror in " + mirrorsDir
                            + ": " + update.getResult());
                }
            }
        }

        private SourceResult readFile(Repository mirror, SourceRequest request, ObjectId commitId) {
            fileReads.incrementAndGet();
            String where = "'" + request.path() + "' on branch '" + request.branch() + "' of " + shownUrl
                    + " at commit " + commitId.abbreviate(12).name();
            try (RevWalk walk = new RevWalk(mirror)) {
                RevCommit commit = walk.parseCommit(commitId);
                try (TreeWalk entry = TreeWalk.forPath(mirror, request.path(), commit.getTree())) {
                    if (entry == null) {
                        return SourceFailure.of(request, SourceFailure.Kind.NO_SUCH_FILE, "no file " + where);
                    }
                    FileMode mode = entry.getFileMode(0);
                    if (mode == FileMode.TREE) {
                        return SourceFailure.of(request, SourceFailure.Kind.NOT_A_FILE,
                                where + " is a directory; expected the Dockerfile's path, e.g. '"
                                        + request.path() + "/Dockerfile'");
                    }
                    if (mode == FileMode.SYMLINK || mode == FileMode.GITLINK) {
                        return SourceFailure.of(request, SourceFailure.Kind.NOT_A_FILE, where + " is a "
                                + (mode == FileMode.SYMLINK ? "symbolic link, which is not followed" : "submodule")
                                + "; point the source at the file itself");
                    }
                    ObjectLoader blob = mirror.open(entry.getObjectId(0), Constants.OBJ_BLOB);
                    if (blob.getSize() > MAX_FILE_BYTES) {
                        return SourceFailure.of(request, SourceFailure.Kind.NOT_A_FILE, where + " is "
                                + blob.getSize() + " bytes, more than the " + MAX_FILE_BYTES
                                + " bytes a Dockerfile may have");
                    }
                    String text = new String(blob.getBytes(), StandardCharsets.UTF_8);
                    return new SourceFile(request.repository(), request.branch(), request.path(), commitId.name(), text);
                }
            } catch (IOException e) {
                return SourceFailure.of(request, SourceFailure.Kind.LOCAL_ERROR, "cannot read " + where
                        + " from the local mirror in " + mirrorsDir + ": " + TransportErrors.scrub(e.toString(), secretValue));
            }
        }

        private Repository openMirror() throws SourceReadException {
            Path dir = mirrorsDir.resolve(MirrorDirectoryName.of(url));
            try {
                if (Files.isDirectory(dir)) {
                    try {
                        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).setBare().build();
                    } catch (IOException | IllegalArgumentException broken) {
                        // A mirror is only a cache: a half-made one (crash while creating it) is rebuilt.
                        LOG.warn("Local mirror {} of {} is unusable, rebuilding it", dir, shownUrl);
                        deleteRecursively(dir);
                    }
                }
                Files.createDirectories(dir);
                return Git.init().setBare(true).setGitDir(dir.toFile()).call().getRepository();
            } catch (IOException | GitAPIException e) {
                throw new SourceReadException(SourceFailure.Kind.LOCAL_ERROR, false,
                        "cannot create the local mirror of " + shownUrl + " in " + dir + ": " + e.getMessage());
            }
        }

        private ObjectId mirroredTip(Repository mirror, String branch) throws SourceReadException {
            try {
                ObjectId tip = mirror.resolve(Constants.R_HEADS + branch + "^{commit}");
                if (tip == null) {
                    throw new SourceReadException(SourceFailure.Kind.LOCAL_ERROR, false, "fetching branch '"
                            + branch + "' of " + shownUrl + " left no such branch in the local mirror");
                }
                return tip;
            } catch (IOException e) {
                throw new SourceReadException(SourceFailure.Kind.LOCAL_ERROR, false,
                        "cannot resolve branch '" + branch + "' in the local mirror of " + shownUrl + ": " + e.getMessage());
            }
        }

        /** Points the mirror's branch at a tip it already has, so the mirror reflects the remote. */
        private void pinMirrorRef(Repository mirror, String branch, ObjectId tip) throws SourceReadException {
            try {
                RefUpdate update = mirror.updateRef(Constants.R_HEADS + branch);
                update.setNewObjectId(tip);
                update.setForceUpdate(true);
                update.update();
            } catch (IOException e) {
                throw new SourceReadException(SourceFailure.Kind.LOCAL_ERROR, false,
                        "cannot update branch '" + branch + "' in the local mirror of " + shownUrl + ": " + e.getMessage());
            }
        }

        private boolean hasObject(Repository mirror, ObjectId id) {
            try {
                return mirror.getObjectDatabase().has(id);
            } catch (IOException e) {
                return false;
            }
        }

        private <T> T withRetry(String action, GitCall<T> call) throws SourceReadException {
            for (int attempt = 1; ; attempt++) {
                try {
                    return call.call();
                } catch (GitAPIException | RuntimeException e) {
                    SourceReadException failure = TransportErrors.classify(e, action, url, secretValue);
                    if (!failure.isTransient() || attempt >= retry.maxAttempts()) {
                        throw failure;
                    }
                    Duration delay = retry.delayBefore(attempt + 1);
                    LOG.info("Attempt {} of {} to {} {} failed, retrying in {} ms: {}", attempt, retry.maxAttempts(),
                            action, shownUrl, delay.toMillis(), failure.getMessage());
                    try {
                        retry.sleeper().sleep(delay);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw failure;
                    }
                }
            }
        }

        private int timeoutSeconds() {
            return (int) Math.min(Integer.MAX_VALUE, timeout.toSeconds());
        }

        private void failAll(List<SourceRequest> failed, SourceReadException e, Map<SourceRequest, SourceResult> results) {
            LOG.warn("Cannot read {} source file(s) from {}: {}", failed.size(), shownUrl, e.getMessage());
            failed.forEach(request -> results.put(request, SourceFailure.of(request, e.kind(), e.getMessage())));
        }
    }

    @FunctionalInterface
    private interface GitCall<T> {
        T call() throws GitAPIException;
    }

    private static String describeBranches(Set<String> branches) {
        if (branches.isEmpty()) {
            return "no branches at all";
        }
        List<String> sorted = branches.stream().sorted().toList();
        String shown = String.join(", ", sorted.subList(0, Math.min(10, sorted.size())));
        return "branches " + shown + (sorted.size() > 10 ? " and " + (sorted.size() - 10) + " more" : "");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
