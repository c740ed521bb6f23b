package io.jenkins.plugins.imagefactory.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process run under {@code /usr/bin/time} (Debian's {@code time}): wall and CPU seconds and
 * peak RSS as the kernel counted them, not as the JVM guesses; its stderr lines are stamped with the
 * time they arrived, so phases can be timed from the progress a command prints.
 *
 * @param exitCode   the command's exit code
 * @param wallSeconds elapsed
 * @param cpuSeconds  user plus system
 * @param peakRssMib  maximum resident set size
 * @param stderr      each stderr line with the seconds since start when it arrived
 */
record TimedProcess(int exitCode, double wallSeconds, double cpuSeconds, double peakRssMib, List<Stamped> stderr) {

    /** One stderr line and when it arrived. */
    record Stamped(double at, String line) {
    }

    static TimedProcess run(List<String> command, Map<String, String> environment, Path stdout, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path timeFile = Files.createTempFile("time", ".txt");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-o", timeFile.toString(), "-f", "%e %U %S %M"));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectOutput(stdout.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        List<Stamped> lines = new ArrayList<>();
        try (var reader = process.errorReader(StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(new Stamped((System.nanoTime() - start) / 1e9, line));
            }
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish in " + timeoutSeconds + " s");
        }
        String[] figures = Files.readString(timeFile).strip().lines().reduce((a, b) -> b).orElse("").split(" ");
        Files.deleteIfExists(timeFile);
        if (figures.length < 4) {
            throw new IOException("/usr/bin/time said nothing about " + command + "; is the Debian package 'time' installed?");
        }
        return new TimedProcess(process.exitValue(), Double.parseDouble(figures[0]),
                Double.parseDouble(figures[1]) + Double.parseDouble(figures[2]), Long.parseLong(figures[3]) / 1024.0, lines);
    }

    /** When the first stderr line containing {@code text} arrived, or NaN. */
    double firstAt(String text) {
        return stderr.stream().filter(s -> s.line().contains(text)).mapToDouble(Stamped::at).findFirst().orElse(Double.NaN);
    }

    String stderrText() {
        StringBuilder out = new StringBuilder();
        stderr.forEach(s -> out.append(s.line()).append('\n'));
        return out.toString();
    }
}
