package io.jenkins.plugins.imagefactory.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One Jenkins controller of the runtime, on a free loopback port with its own JENKINS_HOME, running
 * the plugin under test. Started and stopped with the runtime's {@code bin/start} / {@code bin/stop}
 * (a real JVM, a real servlet container); environment variables reach Jenkins, so configuration as
 * code ({@code CASC_JENKINS_CONFIG}) and its {@code ${SECRETS}} work as in production.
 */
final class RealJenkins implements AutoCloseable {

    static final String CONTEXT = "/jenkins";
    /** A log record: the JUL line Jenkins writes, {@code 2026-12-03 10:00:00.000+0000 [id=42]\tSEVERE\t…}. */
    private static final Pattern RECORD_START = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4} \\[id=\\d+]\\t(\\w+)\\t.*");
    private static final List<String> OURS = List.of("io.jenkins.plugins.imagefactory", "image-factory", "Image Factory");

    private final JenkinsRuntime runtime;
    private final Path home;
    private final Path plugin;
    private final int port;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> systemProperties = new ArrayList<>();
    private int starts;
    private boolean running;
    private final Thread stopOnExit = new Thread(this::stopQuietly, "stop-real-jenkins");

    RealJenkins(JenkinsRuntime runtime, Path home, Path plugin) throws IOException {
        this.runtime = runtime;
        this.home = home;
        this.plugin = plugin;
        this.port = freePort();
    }

    /** An environment variable for the Jenkins JVM (CASC_JENKINS_CONFIG, the secrets its YAML reads). */
    RealJenkins env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** A {@code -Dname=value} for the Jenkins JVM. */
    RealJenkins systemProperty(String name, String value) {
        systemProperties.add("-D" + name + "=" + value);
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port + CONTEXT + "/");
    }

    /** {@code path} under the context, e.g. {@code image-factory/api/v1/images}. */
    URI url(String path) {
        return url().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    int port() {
        return port;
    }

    Path home() {
        return home;
    }

    /**
     * Starts Jenkins and waits until it is fully up; then fails, with the log tail, when any plugin
     * did not load or any SEVERE record mentions this plugin.
     */
    void start() throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path previous = home.resolve("jenkins.log");
        if (Files.exists(previous)) {
            // bin/start truncates the log; keep every boot's log for the failure reports
            Files.move(previous, home.resolve("jenkins-boot" + starts + ".log"), StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder builder = new ProcessBuilder(runtime.start().toString(), home.toString(), String.valueOf(port),
                plugin.toString()).redirectErrorStream(true).redirectOutput(home.resolve("bin-start.out").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_OPTS", "-Xmx1g -XX:+UseSerialGC " + String.join(" ", systemProperties));
        builder.environment().put("START_TIMEOUT", "240");
        Process process = builder.start();
        // bin/start waits for "fully up"; a boot that failed (JCasC refused its YAML, say) never gets
        // there but leaves the container running, so watch the log for that too.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
            String log = log();
            if (log.contains("Failed to initialize Jenkins") || log.contains("INFO: Jenkins stopped")
                    || System.nanoTime() > deadline) {
                running = true;
                stop();
                process.destroyForcibly();
                throw new IllegalStateException("Jenkins did not start:\n" + logTail(120));
            }
        }
        starts++;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Jenkins did not start (bin/start exit " + process.exitValue() + "):\n"
                    + Files.readString(home.resolve("bin-start.out")) + "\n" + logTail(80));
        }
        if (!running) {
            Runtime.getRuntime().addShutdownHook(stopOnExit);
        }
        running = true;
        List<String> failed = new ArrayList<>();
        for (String line : log().lines().toList()) {
            if (line.contains("Failed Loading plugin") || line.contains("Failed to load: ")) {
                failed.add(line);
            }
        }
        List<String> severe = severeRecordsMentioningUs();
        if (!failed.isEmpty() || !severe.isEmpty()) {
            throw new IllegalStateException("Jenkins started, but " + (failed.isEmpty() ? "" : "plugins failed to load: "
                    + failed + "; ") + (severe.isEmpty() ? "" : "SEVERE records mention Image Factory: " + severe)
                    + "\n" + logTail(120));
        }
    }

    /** Stops Jenkins the way an operator does (SIGTERM: terminators run), then starts it again. */
    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    void stop() throws IOException, InterruptedException {
        if (!running) {
            return;
        }
        Process process = new ProcessBuilder(runtime.stop().toString(), home.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        running = false;
    }

    boolean isRunning() {
        return running;
    }

    /** This boot's log. */
    String log() {
        try {
            return Files.readString(home.resolve("jenkins.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    String logTail(int lines) {
        List<String> all = log().lines().toList();
        return "---- last " + Math.min(lines, all.size()) + " lines of " + home.resolve("jenkins.log") + " ----\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Every SEVERE record of this boot whose message or stack trace names this plugin. */
    List<String> severeRecordsMentioningUs() {
        List<String> found = new ArrayList<>();
        StringBuilder record = null;
        boolean severe = false;
        for (String line : log().lines().toList()) {
            var start = RECORD_START.matcher(line);
            if (start.matches()) {
                if (severe && mentionsUs(record)) {
                    found.add(record.toString());
                }
                record = new StringBuilder(line);
                severe = "SEVERE".equals(start.group(1));
            } else if (record != null) {
                record.append('\n').append(line);
            }
        }
        if (severe && mentionsUs(record)) {
            found.add(record.toString());
        }
        return found;
    }

    private static boolean mentionsUs(CharSequence record) {
        String text = record.toString();
        return OURS.stream().anyMatch(text::contains);
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (IOException e) {
            // best effort at JVM exit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException | IllegalArgumentException alreadyExitingOrNeverAdded) {
            // nothing to remove
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
