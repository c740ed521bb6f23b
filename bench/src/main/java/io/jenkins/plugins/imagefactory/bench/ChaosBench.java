package io.jenkins.plugins.imagefactory.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The engine under faults and concurrency, with real parts only: a real registry, a real bare
 * config remote, a Jenkins stand-in that records every dispatch (one job echoes the request headers
 * back, credentials included), a {@code serve} process and a loop of {@code sync} processes that
 * both want to write, {@code kill -9} of either at random moments, and people and pipelines
 * writing meanwhile through every entry point: CLI {@code rebuild} and {@code record-build}
 * processes, the API's rebuild route, and {@link ManualActions} as the Jenkins steps call it.
 *
 * <p>Bounded: {@code bench/run chaos [SECONDS] [SEED]} (default 60 s) and at most 400 writes and 60
 * kills. It ends with the figures and exits 1 when an invariant broke: every acknowledged write
 * in the final tree, no build key dispatched twice, no secret in the history, logs or API answers.
 */
public final class ChaosBench {

    private static final List<String> IMAGES = List.of("app1", "app2", "app3", "echo");
    private static final int MAX_WRITES = 400;
    private static final int MAX_KILLS = 60;

    private final Path dir;
    private final Random random;
    private final String password;
    private final String apiToken;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
    private final List<String> apiAnswers = new CopyOnWriteArrayList<>();
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger terms = new AtomicInteger();
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger logs = new AtomicInteger();
    private final Map<String, AtomicInteger> syncExits = new ConcurrentHashMap<>();
    private final AtomicInteger serveStarts = new AtomicInteger();
    private final AtomicReference<Process> serve = new AtomicReference<>();
    private final AtomicReference<Process> sync = new AtomicReference<>();
    private String configUrl;
    private String registryHost;
    private int servePort;

    /** One write its writer was told succeeded. */
    record Acknowledged(String kind, String image, String marker, boolean request) {
    }

    private ChaosBench(Path dir, long seed) {
        this.dir = dir;
        this.random = new Random(seed);
        SecureRandom secure = new SecureRandom();
        this.password = "chaosPw" + HexFormat.of().formatHex(secure.generateSeed(16));
        this.apiToken = "chaosApi" + HexFormat.of().formatHex(secure.generateSeed(16));
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        Path dir = Files.createTempDirectory("chaos-bench");
        System.out.println("chaos: " + seconds + " s, seed " + seed + ", in " + dir);
        boolean ok = new ChaosBench(dir, seed).run(Duration.ofSeconds(seconds));
        System.exit(ok ? 0 : 1);
    }

    private boolean run(Duration duration) throws Exception {
        try (BenchRegistry registry = BenchRegistry.start(dir.resolve("registry"));
             JenkinsStandIn jenkins = JenkinsStandIn.start()) {
            registryHost = registry.host;
            registry.pushImage("upstream/base", "1", "0");
            for (String image : IMAGES) {
                registry.pushImage("acme/" + image, "1", "0");
            }
            String sources = bareRepo("sources", Map.of("Dockerfile", "FROM " + registry.host + "/upstream/base:1\n"));
            Map<String, String> files = new java.util.HashMap<>();
            files.put("image-factory.yaml", "version: 1\ndefaults:\n  rebuild: {delay: 0s}\nbuildSystems:\n  jenkins: {url: \""
                    + jenkins.url() + "/\", credentials: JENKINS}\nsync: {interval: 1m}\n");
            for (String image : IMAGES) {
                files.put("images/" + image + ".yaml", "name: " + image + "\nimage: " + registry.host + "/acme/" + image
                        + "\ntags: [\"1\"]\nsource: {repository: \"" + sources + "\"}\nbuild:\n  jenkins: {job: " + image + "}\n");
            }
            configUrl = bareRepo("config", files);
            try (ServerSocket probe = new ServerSocket(0)) {
                servePort = probe.getLocalPort();
            }

            List<Thread> threads = List.of(
                    thread("serve", this::superviseServe),
                    thread("sync", this::syncLoop),
                    thread("killer", this::killer),
                    thread("writers", this::writers),
                    thread("bases", () -> pushBases(registry)));
            long deadline = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline && acknowledged.size() < MAX_WRITES) {
                Thread.sleep(500);
            }
            running.set(false);
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(3));
            }
            // a last clean cycle in serve's place (it takes over a killed serve's lease at once): it recovers
            // intents left by the last kill without dispatching them again
            int settle = runCli(List.of("sync", "--repo", configUrl, "--work-dir", dir.resolve("serve").toString()));
            return report(jenkins, settle);
        }
    }

    // ---- writers of the state: serve and sync, killed at random ---------------------------------

    private void superviseServe() {
        while (running.get()) {
            try {
                Process process = start(List.of("serve", "--repo", configUrl, "--work-dir", dir.resolve("serve").toString(),
                        "--port", String.valueOf(servePort), "--api-token", "API_TOKEN", "--interval", "1m"), "serve");
                serve.set(process);
                serveStarts.incrementAndGet();
                while (running.get() && process.isAlive()) {
                    process.waitFor(200, TimeUnit.MILLISECONDS);
                }
                if (process.isAlive()) {
                    process.destroy(); // SIGTERM: a clean shutdown releases the writer lease
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private void syncLoop() {
        while (running.get()) {
            try {
                Process process = start(List.of("sync", "--repo", configUrl, "--work-dir", dir.resolve("sync").toString()), "sync");
                sync.set(process);
                int exit = process.waitFor();
                syncExits.computeIfAbsent(exit == 137 ? "killed" : String.valueOf(exit), k -> new AtomicInteger()).incrementAndGet();
                Thread.sleep(100 + random.nextInt(400));
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private void killer() {
        while (running.get() && kills.get() < MAX_KILLS) {
            sleep(1_500 + random.nextInt(2_500));
            boolean serving = random.nextBoolean();
            Process victim = (serving ? serve : sync).get();
            if (victim != null && victim.isAlive() && running.get()) {
                if (serving && random.nextInt(3) == 0) {
                    victim.destroy(); // SIGTERM now and then: serve shuts down cleanly and hands the lease on
                    terms.incrementAndGet();
                } else {
                    victim.destroyForcibly(); // SIGKILL
                    kills.incrementAndGet();
                }
            }
        }
    }

    private void pushBases(BenchRegistry registry) {
        int n = 1;
        while (running.get()) {
            sleep(8_000);
            try {
                registry.pushImage("upstream/base", "1", String.valueOf(n++));
            } catch (Exception e) {
                System.out.println("chaos: base push failed: " + e.getMessage());
            }
        }
    }

    // ---- everyone else: requests and results through every entry point --------------------------

    private void writers() {
        try (ConfigRepository steps = ConfigRepository.open(ConfigRepositoryLocation.of(configUrl, "main", dir.resolve("steps")),
                SecretResolver.none())) {
            ManualActions actions = new ManualActions(steps, Clock.systemUTC());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            while (running.get() && acknowledged.size() < MAX_WRITES) {
                int n = sequence.incrementAndGet();
                String image = IMAGES.get(random.nextInt(IMAGES.size()));
                String marker = "chaos-" + n;
                String runUrl = "https://ci.example.test/chaos/" + n;
                try {
                    switch (random.nextInt(5)) {
                        case 0 -> acknowledgeIf(runCli(List.of("rebuild", image, "--reason", marker, "--actor", "cli",
                                "--repo", configUrl, "--work-dir", dir.resolve("cli-" + n).toString())) == 0,
                                "cli rebuild", image, marker, true);
                        case 1 -> acknowledgeIf(runCli(List.of("record-build", image, "--result", "success", "--run-url", runUrl,
                                "--actor", "cli", "--repo", configUrl, "--work-dir", dir.resolve("cli-" + n).toString())) == 0,
                                "cli record-build", image, runUrl, false);
                        case 2 -> acknowledgeIf(apiRebuild(http, image, marker), "api rebuild", image, marker, true);
                        case 3 -> acknowledgeIf(actions.requestRebuild(image, false, marker, null, "step")
                                instanceof PublishResult.Published, "step rebuild", image, marker, true);
                        default -> acknowledgeIf(actions.recordBuild(image, random.nextBoolean(), null, runUrl, "step")
                                instanceof PublishResult.Published, "step record-build", image, runUrl, false);
                    }
                } catch (RuntimeException e) {
                    // not acknowledged: the writer was told it failed
                    refused.merge(e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst()
                            .orElse(""), 1, Integer::sum);
                }
                sleep(200 + random.nextInt(800));
            }
        }
    }

    private boolean apiRebuild(HttpClient http, String image, String reason) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servePort
                            + "/api/v1/images/" + image + "/rebuild")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + apiToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"urgent\":true,\"reason\":\"" + reason + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            apiAnswers.add(response.body());
            HttpResponse<String> detail = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servePort
                    + "/api/v1/images/" + image)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            apiAnswers.add(detail.body());
            if (response.statusCode() != 202) {
                refused.merge("api answered " + response.statusCode() + " " + response.body().substring(0,
                        Math.min(60, response.body().length())), 1, Integer::sum);
            }
            return response.statusCode() == 202;
        } catch (IOException | InterruptedException e) {
            refused.merge("api unreachable (serve down)", 1, Integer::sum);
            return false; // serve is down (killed): the caller saw the failure
        }
    }

    private void acknowledgeIf(boolean done, String kind, String image, String marker, boolean request) {
        if (done) {
            acknowledged.add(new Acknowledged(kind, image, marker, request));
        } else {
            refused.merge(kind + " not acknowledged", 1, Integer::sum);
        }
    }

    // ---- the verdict -----------------------------------------------------------------------------

    private boolean report(JenkinsStandIn jenkins, int settleExit) throws Exception {
        Path tree = dir.resolve("final");
        try (Git clone = Git.cloneRepository().setURI(configUrl).setDirectory(tree.toFile()).call()) {
            List<JsonNode> events = new ArrayList<>();
            try (Stream<Path> months = Files.list(tree.resolve("state/events"))) {
                for (Path month : months.sorted().toList()) {
                    for (String line : Files.readAllLines(month)) {
                        events.add(StateMapper.json().readTree(line));
                    }
                }
            }
            Map<String, JsonNode> rebuilds = new java.util.HashMap<>();
            for (String image : IMAGES) {
                Path file = tree.resolve("state/rebuilds/" + image + ".yaml");
                if (Files.exists(file)) {
                    rebuilds.put(image, StateMapper.yaml().readTree(file.toFile()));
                }
            }
            List<Acknowledged> noOps = acknowledged.stream().filter(write -> noOp(write, events)).toList();
            List<Acknowledged> missing = acknowledged.stream()
                    .filter(write -> !noOps.contains(write) && !found(write, events, rebuilds)).toList();
            int duplicates = jenkins.duplicateDispatches();
            long secretHits = secretHits(everythingEverCommitted()) + secretHits(allLogs()) + secretHits(String.join("\n", apiAnswers));
            long cycleCommits = events.stream().filter(e -> e.path("kind").asText().equals("rebuild-queued")).count();

            System.out.printf("chaos: sync processes by exit code %s, serve starts %d, kills %d (kill -9) and %d SIGTERM,"
                    + " settle sync exit %d%n", syncExits, serveStarts.get(), kills.get(), terms.get(), settleExit);
            System.out.printf("chaos: writes not acknowledged (the writer was told): %s%n", refused);
            System.out.printf("chaos: %d rebuild intents queued, %d dispatches to Jenkins (%d distinct keys), %d echoing a 400%n",
                    cycleCommits, jenkins.dispatches(), jenkins.keys(), jenkins.echoes());
            System.out.printf("chaos: %d acknowledged writes %s, %d found in the final tree (must be equal)%n",
                    acknowledged.size(), byKind(), acknowledged.size() - missing.size());
            if (!noOps.isEmpty()) {
                System.out.printf("chaos:   of which %d CLI record-build reports of a result the image's last build already"
                        + " had: nothing to commit, so none was made (the CLI says so: 'nothing changed', exit 0)%n", noOps.size());
            }
            System.out.printf("chaos: %d duplicate dispatches (must be 0), %d secret hits in history, logs and API answers"
                    + " (must be 0)%n", duplicates, secretHits);
            missing.forEach(write -> System.out.println("chaos: LOST " + write));
            jenkins.duplicatedKeys().forEach(key -> System.out.println("chaos: DISPATCHED TWICE " + key));
            return missing.isEmpty() && duplicates == 0 && secretHits == 0;
        }
    }

    /**
     * A CLI {@code record-build} of the result the last build already has commits nothing (by
     * design: a build system that both answers polling and reports back is recorded once) but the
     * CLI exits 0. Nothing was written, so nothing can have been erased: no event carries its marker.
     */
    private static boolean noOp(Acknowledged write, List<JsonNode> events) {
        return write.kind().equals("cli record-build")
                && events.stream().noneMatch(e -> write.marker().equals(e.path("details").path("runUrl").asText()));
    }

    private Map<String, Long> byKind() {
        Map<String, Long> out = new java.util.TreeMap<>();
        acknowledged.forEach(write -> out.merge(write.kind(), 1L, Long::sum));
        return out;
    }

    /**
     * A request is in its audit event and in state (pending, or the reason of the build it became)
     * unless a later request for the image replaced it; a result is in its audit event and on its
     * build record unless a later result for the image was reported on the same record.
     */
    private boolean found(Acknowledged write, List<JsonNode> events, Map<String, JsonNode> rebuilds) {
        String reference = registryHost + "/acme/" + write.image() + ":1";
        String field = write.request() ? "reason" : "runUrl";
        int at = -1;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            if (event.path("image").asText().equals(reference) && write.marker().equals(event.path("details").path(field).asText())) {
                at = i;
            }
        }
        if (at < 0) {
            return false;
        }
        JsonNode state = rebuilds.get(write.image());
        if (state != null && (names(state.path("request").path("reason").asText(), write.marker())
                || anyBuild(state, field, write.marker()))) {
            return true;
        }
        String later = write.request() ? "requested" : "rebuild-result";
        for (int i = at + 1; i < events.size(); i++) {
            JsonNode event = events.get(i);
            if (event.path("image").asText().equals(reference) && event.path("kind").asText().endsWith(later)) {
                return true;
            }
        }
        return false;
    }

    /** Requests pending together are coalesced into one, their reasons joined with "; ". */
    private static boolean names(String text, String marker) {
        return java.util.Arrays.asList(text.split("; ")).contains(marker);
    }

    private static boolean anyBuild(JsonNode state, String field, String marker) {
        for (JsonNode build : state.path("builds")) {
            if (names(build.path(field).asText(), marker)) {
                return true;
            }
        }
        return false;
    }

    private long secretHits(String text) {
        String basic = Base64.getEncoder().encodeToString(("chaos-bot:" + password).getBytes(StandardCharsets.UTF_8));
        long hits = 0;
        for (String secret : List.of(password, basic, apiToken)) {
            for (int i = text.indexOf(secret); i >= 0; i = text.indexOf(secret, i + 1)) {
                hits++;
            }
        }
        return hits;
    }

    private String everythingEverCommitted() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Git git = Git.open(Path.of(URI.create(configUrl)).toFile())) {
            Repository repository = git.getRepository();
            for (RevCommit commit : git.log().all().call()) {
                all.append(commit.getFullMessage()).append('\n');
                try (TreeWalk walk = new TreeWalk(repository)) {
                    walk.addTree(commit.getTree());
                    walk.setRecursive(true);
                    while (walk.next()) {
                        all.append(new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return all.toString();
    }

    private String allLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                all.append(Files.readString(log, StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    // ---- processes and repositories --------------------------------------------------------------

    private Process start(List<String> args, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.jenkins.plugins.imagefactory.cli.ImageFactoryCommand"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + "-" + logs.incrementAndGet() + ".log").toFile());
        builder.environment().put("JENKINS_USERNAME", "chaos-bot");
        builder.environment().put("JENKINS_PASSWORD", password);
        builder.environment().put("API_TOKEN", apiToken);
        return builder.start();
    }

    private int runCli(List<String> args) {
        try {
            Process process = start(args, args.get(0));
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String bareRepo(String name, Map<String, String> files) throws Exception {
        Path bare = dir.resolve(name + ".git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        Path seed = dir.resolve(name + "-seed");
        try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(seed.toFile()).call()) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = seed.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("seed").setAuthor("chaos", "chaos@localhost").setCommitter("chaos", "chaos@localhost")
                    .setSign(false).call();
            git.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
        return bare.toUri().toString();
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, "chaos-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
