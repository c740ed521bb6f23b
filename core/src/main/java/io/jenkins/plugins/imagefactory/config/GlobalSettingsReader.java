package io.jenkins.plugins.imagefactory.config;

import io.jenkins.plugins.imagefactory.config.GlobalSettings.ConfigPaths;
import io.jenkins.plugins.imagefactory.config.GlobalSettings.GitHubSettings;
import io.jenkins.plugins.imagefactory.config.GlobalSettings.JenkinsSettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.InvalidReferenceException;
import io.jenkins.plugins.imagefactory.net.EgressPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code image-factory.yaml}. */
final class GlobalSettingsReader {

    static final Set<String> FIELDS = Set.of("version", "defaults", "registries", "sources", "buildSystems", "paths", "sync",
            "egress", "tags");

    private GlobalSettingsReader() {
    }

    static GlobalSettings read(MappingReader root) {
        root.rejectUnknown(FIELDS);
        root.node("version").ifPresent(v -> {
            if (!(v instanceof YamlNode.ScalarNode s) || !"1".equals(s.text())) {
                root.error("version", "unsupported config version; this Image Factory reads version 1");
            }
        });

        RebuildPolicy rebuild = RebuildPolicy.DEFAULT;
        String owner = GlobalSettings.DEFAULT_OWNER;
        var defaults = root.mapping("defaults");
        if (defaults.isPresent()) {
            MappingReader d = defaults.get();
            d.rejectUnknown(Set.of("rebuild", "owner"));
            rebuild = d.mapping("rebuild").map(r -> RebuildPolicyReader.read(r, RebuildPolicy.DEFAULT)).orElse(rebuild);
            owner = d.string("owner").orElse(owner);
        }

        EgressPolicy egress = egress(root);
        List<RegistrySettings> registries = registries(root);
        List<GlobalSettings.SourceAccess> sources = sources(root);
        registries.forEach(r -> allowed(root, egress, "registries", r.host()));
        sources.forEach(s -> allowed(root, egress, "sources", s.prefix()));

        GitHubSettings github = null;
        JenkinsSettings jenkins = null;
        var buildSystems = root.mapping("buildSystems");
        if (buildSystems.isPresent()) {
            MappingReader b = buildSystems.get();
            b.rejectUnknown(Set.of("github", "jenkins"));
            github = b.mapping("github").map(g -> {
                g.rejectUnknown(Set.of("apiUrl", "credentials"));
                String apiUrl = g.string("apiUrl").filter(u -> httpUrl(g, "apiUrl", u))
                        .orElse(GitHubSettings.DEFAULT_API_URL);
                allowed(g, egress, "apiUrl", apiUrl);
                return new GitHubSettings(stripTrailingSlash(apiUrl), g.reference("credentials").orElse(null));
            }).orElse(null);
            jenkins = b.mapping("jenkins").map(j -> {
                j.rejectUnknown(Set.of("url", "credentials"));
                String url = j.requiredString("url").filter(u -> httpUrl(j, "url", u)).orElse("");
                if (!url.isEmpty()) {
                    allowed(j, egress, "url", url);
                }
                return new JenkinsSettings(stripTrailingSlash(url), j.reference("credentials").orElse(null));
            }).orElse(null);
        }

        ConfigPaths paths = ConfigPaths.DEFAULT;
        var pathsNode = root.mapping("paths");
        if (pathsNode.isPresent()) {
            MappingReader p = pathsNode.get();
            p.rejectUnknown(Set.of("images", "state", "events", "catalog"));
            paths = new ConfigPaths(
                    relativePath(p, "images", ConfigPaths.DEFAULT.images()),
                    relativePath(p, "state", ConfigPaths.DEFAULT.state()),
                    relativePath(p, "events", ConfigPaths.DEFAULT.events()),
                    relativePath(p, "catalog", ConfigPaths.DEFAULT.catalog()));
        }

        Duration interval = GlobalSettings.DEFAULT_SYNC_INTERVAL;
        var sync = root.mapping("sync");
        if (sync.isPresent()) {
            sync.get().rejectUnknown(Set.of("interval"));
            interval = sync.get().duration("interval").orElse(interval);
            if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
                sync.get().error("interval", "must be at least 1m; webhooks give prompt updates, the periodic sync is a safety net");
            }
        }
        return new GlobalSettings(rebuild, owner, registries, sources, github, jenkins, paths, interval, egress,
                tagCacheTtl(root));
    }

    private static Duration tagCacheTtl(MappingReader root) {
        var tags = root.mapping("tags");
        if (tags.isEmpty()) {
            return GlobalSettings.DEFAULT_TAG_CACHE_TTL;
        }
        tags.get().rejectUnknown(Set.of("cacheTtl"));
        Duration ttl = tags.get().duration("cacheTtl").orElse(GlobalSettings.DEFAULT_TAG_CACHE_TTL);
        if (ttl.compareTo(GlobalSettings.MAX_TAG_CACHE_TTL) > 0) {
            tags.get().error("cacheTtl", "must be at most 1d; an older tag list hides new releases");
            return GlobalSettings.DEFAULT_TAG_CACHE_TTL;
        }
        return ttl;
    }

    private static List<GlobalSettings.SourceAccess> sources(MappingReader root) {
        List<GlobalSettings.SourceAccess> out = new ArrayList<>();
        var node = root.node("sources");
        if (node.isEmpty()) {
            return out;
        }
        if (!(node.get() instanceof YamlNode.ListNode list)) {
            root.error("sources", "expected a list of {prefix, credentials}, got " + node.get().describe());
            return out;
        }
        for (int i = 0; i < list.items().size(); i++) {
            var source = MappingReader.of(list.items().get(i), root.field("sources") + "[" + i + "]", root.errors());
            if (source.isEmpty()) {
                continue;
            }
            MappingReader s = source.get();
            s.rejectUnknown(Set.of("prefix", "credentials"));
            var prefix = s.requiredString("prefix").filter(p -> {
                if (SecretHeuristics.hasInlineCredentials(p)) {
                    s.error("prefix", "URL contains credentials; remove them and use a credentials reference");
                    return false;
                }
                return true;
            });
            var credentials = s.has("credentials") ? s.reference("credentials") : java.util.Optional.<String>empty();
            if (!s.has("credentials")) {
                s.errors().add(new ConfigError(s.location(), s.field("credentials"), "is required"));
            }
            if (prefix.isPresent() && credentials.isPresent()) {
                out.add(new GlobalSettings.SourceAccess(prefix.get(), credentials.get()));
            }
        }
        return out;
    }

    private static List<RegistrySettings> registries(MappingReader root) {
        List<RegistrySettings> out = new ArrayList<>();
        var node = root.node("registries");
        if (node.isEmpty()) {
            return out;
        }
        if (!(node.get() instanceof YamlNode.ListNode list)) {
            root.error("registries", "expected a list of registries, got " + node.get().describe());
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            String field = root.field("registries") + "[" + i + "]";
            var registry = MappingReader.of(list.items().get(i), field, root.errors());
            if (registry.isEmpty()) {
                continue;
            }
            MappingReader r = registry.get();
            r.rejectUnknown(Set.of("host", "insecure", "credentials", "concurrency"));
            var host = r.requiredString("host");
            if (host.isEmpty()) {
                continue;
            }
            String normalised = normaliseHost(r, host.get());
            if (normalised == null) {
                continue;
            }
            Integer previous = seen.putIfAbsent(normalised, r.location().line());
            if (previous != null) {
                r.error("host", "registry \"" + normalised + "\" is configured twice (first at line " + previous + ")");
            }
            out.add(new RegistrySettings(normalised, r.bool("insecure").orElse(false),
                    r.reference("credentials").orElse(null),
                    r.positiveInt("concurrency").orElse(RegistrySettings.DEFAULT_CONCURRENCY)));
        }
        return out;
    }

    /** The host as image references spell it ({@code index.docker.io} → {@code docker.io}). */
    private static String normaliseHost(MappingReader r, String host) {
        try {
            ImageReference probe = ImageReference.parse(host + "/probe/probe");
            if (!probe.repository().equals("probe/probe")) {
                throw new InvalidReferenceException(host, "not a registry host");
            }
            return probe.registry();
        } catch (InvalidReferenceException e) {
            r.error("host", "expected a registry host such as ghcr.io or localhost:5000, got \"" + host + "\"");
            return null;
        }
    }

    private static String relativePath(MappingReader p, String key, String fallback) {
        return p.string(key).filter(value -> {
            if (value.isBlank() || value.startsWith("/") || value.contains("..") || value.contains("\\")) {
                p.error(key, "expected a relative path inside the config repo (no leading /, no ..), got \"" + value + "\"");
                return false;
            }
            return true;
        }).map(GlobalSettingsReader::stripTrailingSlash).orElse(fallback);
    }

    /** {@code egress: {allow: [host patterns]}}; absent or empty allows every host. */
    private static EgressPolicy egress(MappingReader root) {
        var node = root.mapping("egress");
        if (node.isEmpty()) {
            return EgressPolicy.ALLOW_ALL;
        }
        MappingReader e = node.get();
        e.rejectUnknown(Set.of("allow"));
        List<String> patterns = new ArrayList<>();
        var allow = e.node("allow");
        if (allow.isPresent() && !(allow.get() instanceof YamlNode.ListNode)) {
            e.error("allow", "expected a list of host patterns (ghcr.io, *.acme.example, registry.local:5000), got "
                    + allow.get().describe());
        } else if (allow.isPresent()) {
            List<YamlNode> items = ((YamlNode.ListNode) allow.get()).items();
            for (int i = 0; i < items.size(); i++) {
                String field = "allow[" + i + "]";
                if (!(items.get(i) instanceof YamlNode.ScalarNode scalar)) {
                    e.error(field, "expected a host pattern, got " + items.get(i).describe());
                    continue;
                }
                var problem = EgressPolicy.problem(scalar.text());
                if (problem.isPresent()) {
                    e.errors().add(new ConfigError(scalar.location(), e.field(field), problem.get()));
                } else {
                    patterns.add(scalar.text());
                }
            }
        }
        return new EgressPolicy(patterns);
    }

    /** Reports a URL or host outside {@code egress.allow} at the field that names it. */
    static void allowed(MappingReader r, EgressPolicy egress, String key, String urlOrHost) {
        if (!egress.isRestricted()) {
            return;
        }
        String host = hostOf(urlOrHost);
        if (host != null && !egress.permits(host, -1)) {
            r.error(key, host + " is not in egress.allow " + egress.allow()
                    + "; whoever can merge here could make the host call it: add it to egress.allow if it is meant to be");
        }
    }

    /** The host of a URL, an scp-like git address or a registry {@code host[:port]}. */
    static String hostOf(String urlOrHost) {
        try {
            if (urlOrHost.contains("://")) {
                return URI.create(urlOrHost).getHost();
            }
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
        String rest = urlOrHost.contains("@") ? urlOrHost.substring(urlOrHost.indexOf('@') + 1) : urlOrHost;
        int end = rest.indexOf('/');
        rest = end < 0 ? rest : rest.substring(0, end);
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }

    static boolean httpUrl(MappingReader r, String key, String value) {
        try {
            URI uri = URI.create(value);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                if (SecretHeuristics.hasInlineCredentials(value)) {
                    r.error(key, "URL contains credentials (user info, or a token or signature in its query string);"
                            + " remove them and use a credentials reference (a webhook builder checks the"
                            + " X-Image-Factory-Signature-256 made with build.webhook.secret instead)");
                    return false;
                }
                return true;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        r.error(key, "expected an http(s) URL, got \"" + value + "\"");
        return false;
    }

    private static String stripTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
