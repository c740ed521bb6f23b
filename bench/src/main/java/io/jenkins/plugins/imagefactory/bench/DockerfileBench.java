package io.jenkins.plugins.imagefactory.bench;

import io.jenkins.plugins.imagefactory.dockerfile.DockerfileAnalyzer;
import io.jenkins.plugins.imagefactory.dockerfile.DockerfileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Parses 10,000 varied, realistic Dockerfiles (multi-stage builds, ARG-driven tags, heredocs,
 * continuations, COPY --from, RUN --mount) several rounds and reports Dockerfiles per second; then
 * times hostile Dockerfiles (doubling ARGs, deep nesting, a pattern that cannot match, thousands of
 * chained stages), which the analyzer's limits must turn into quick errors.
 * {@code bench/run dockerfile [count] [rounds]}.
 */
public final class DockerfileBench {

    private static final String[] BASES = {"golang:1.22", "node:20-alpine", "python:3.12-slim", "eclipse-temurin:21-jre",
        "debian:12-slim", "ubuntu:24.04", "alpine:3.20", "ghcr.io/acme/base/python:3.12", "gcr.io/distroless/static-debian12",
        "registry.example.com:5000/platform/jdk:21"};

    public static void main(String[] args) throws DockerfileException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> dockerfiles = generate(count, new Random(42));
        long bytes = dockerfiles.stream().mapToLong(String::length).sum();
        long dependencies = 0;
        for (int warm = 0; warm < 3; warm++) {
            dependencies = parseAll(dockerfiles);
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            dependencies = parseAll(dockerfiles);
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("dockerfile: %d Dockerfiles (%.1f MiB) in %.1f ms (best of %d): %.0f Dockerfiles/s, %d dependencies,"
                        + " peak heap %d MiB%n", count, bytes / 1048576.0, best / 1e6, rounds, count / (best / 1e9),
                dependencies, Synthetic.peakHeapMb());
        hostile(rounds);
    }

    private static void hostile(int rounds) {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        StringBuilder doubling = new StringBuilder("ARG A0=0123456789abcdef\n");
        for (int i = 1; i <= 39; i++) {
            doubling.append("ARG A").append(i).append("=${A").append(i - 1).append("}${A").append(i - 1).append("}\n");
        }
        cases.put("doubling ARGs", doubling.append("FROM alpine:${A39}\n").toString());
        cases.put("5,000 nested defaults", "FROM alpine:" + "${X:-".repeat(5_000) + "1" + "}".repeat(5_000) + "\n");
        cases.put("unmatchable pattern", "ARG V=" + "a".repeat(60_000) + "\nARG W=${V//*b/x}\nFROM alpine\n");
        StringBuilder chain = new StringBuilder("FROM alpine AS s0\n");
        for (int i = 1; i < 20_000; i++) {
            chain.append("FROM s").append(i - 1).append(" AS s").append(i).append("\nCOPY --from=s").append(i - 1).append(" / /\n");
        }
        cases.put("20,000 chained stages", chain.toString());
        StringBuilder out = new StringBuilder("hostile:");
        for (Map.Entry<String, String> hostile : cases.entrySet()) {
            long best = Long.MAX_VALUE;
            String outcome = "";
            for (int round = 0; round < rounds + 3; round++) {
                long start = System.nanoTime();
                try {
                    outcome = DockerfileAnalyzer.analyze(hostile.getValue(), Map.of(), null).stages().size() + " stages";
                } catch (DockerfileException e) {
                    outcome = "refused at line " + e.line();
                }
                best = Math.min(best, System.nanoTime() - start);
            }
            out.append(String.format(" %s %s in %.1f ms;", hostile.getKey(), outcome, best / 1e6));
        }
        System.out.println(out.substring(0, out.length() - 1));
    }

    private static long parseAll(List<String> dockerfiles) throws DockerfileException {
        long found = 0;
        for (String dockerfile : dockerfiles) {
            found += DockerfileAnalyzer.analyze(dockerfile, Map.of("VERSION", "1.2.3"), null).dependencies().size();
        }
        return found;
    }

    static List<String> generate(int count, Random random) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder d = new StringBuilder();
            if (random.nextBoolean()) {
                d.append("# syntax=docker/dockerfile:1.7\n");
            }
            d.append("ARG VERSION=1.0.0\nARG BASE=").append(BASES[random.nextInt(BASES.length)]).append('\n');
            int stages = 1 + random.nextInt(4);
            for (int s = 0; s < stages; s++) {
                String from = s > 0 && random.nextInt(3) == 0 ? "stage" + (s - 1)
                        : s == 0 ? "${BASE}" : BASES[random.nextInt(BASES.length)];
                d.append("FROM ").append(random.nextInt(4) == 0 ? "--platform=$BUILDPLATFORM " : "").append(from)
                        .append(" AS stage").append(s).append('\n');
                d.append("WORKDIR /src\nCOPY . .\n");
                d.append("RUN apt-get update && \\\n    apt-get install -y --no-install-recommends \\\n      curl ca-certificates \\\n")
                        .append("    && rm -rf /var/lib/apt/lists/*\n");
                if (random.nextInt(3) == 0) {
                    d.append("RUN <<EOF\nset -e\necho \"FROM not-a-stage\"\nmake build VERSION=${VERSION}\nEOF\n");
                }
                if (s > 0) {
                    d.append("COPY --from=stage").append(random.nextInt(s)).append(" /out /out\n");
                }
                if (random.nextInt(5) == 0) {
                    d.append("RUN --mount=type=cache,target=/root/.cache --mount=type=bind,from=")
                            .append(BASES[random.nextInt(BASES.length)]).append(",source=/,target=/x make\n");
                }
                d.append("ENV APP_VERSION=${VERSION}\nLABEL org.opencontainers.image.version=\"1\"\n");
            }
            d.append("USER 65532\nENTRYPOINT [\"/app\"]\n");
            out.add(d.toString());
        }
        return out;
    }
}
