package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.config.ConfigLoader;
import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.DigestLookups;
import io.jenkins.plugins.imagefactory.registry.RegistryClient;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Ask registries for the current digest of each REF (one HEAD each, as many at once as each"
                + " registry's concurrency allows), with per-platform digests.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REF", arity = "1..*", description = "image references, e.g. python:3.12-slim")
    List<String> references;

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "resolve this platform's manifest (repeatable)")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--config", paramLabel = "DIR", description = "config repo directory: registry settings and credentials references")
    Path config;

    @Option(names = "--json", description = "print a JSON array of {ref, digest, platforms}")
    boolean json;

    @Override
    public Integer call() throws Exception {
        GlobalSettings settings = config == null ? GlobalSettings.DEFAULT : ConfigLoader.load(config).orThrow().settings();
        List<Platform> wanted = new ArrayList<>();
        for (String platform : platforms) {
            try {
                wanted.add(Platform.parse(platform));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--platform " + e.getMessage(), e);
            }
        }
        List<ImageReference> parsed = new ArrayList<>();
        for (String text : references) {
            parsed.add(Arguments.reference(spec, "REF", text));
        }
        RegistryClient client = CliHost.registryClient(settings);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, Object>> rows = new ArrayList<>();
        int failures = 0;
        for (DigestLookups.Lookup lookup : DigestLookups.of(client, parsed, wanted)) {
            ImageReference reference = lookup.reference();
            if (lookup.error() != null) {
                failures++;
                err.println(reference.canonical() + ": " + lookup.error().getMessage());
                continue;
            }
            Map<String, String> byPlatform = new TreeMap<>();
            lookup.digest().platformDigests().forEach((p, d) -> byPlatform.put(p.toString(), d));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ref", reference.canonical());
            row.put("digest", lookup.digest().digest());
            row.put("platforms", byPlatform);
            rows.add(row);
            if (!json) {
                out.println(reference.canonical() + " " + lookup.digest().digest());
                byPlatform.forEach((p, d) -> out.println("  " + p + " " + d));
            }
        }
        if (json) {
            out.println(StateMapper.json().writeValueAsString(rows));
        }
        return failures == 0 ? 0 : 1;
    }
}
