package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What BuildKit's instruction parser ({@code instructions/parse.go}) refuses, instruction by
 * instruction: unknown instructions, the wrong number of arguments, unknown, duplicate or
 * valueless flags, {@code ONBUILD FROM}, a JSON-less {@code SHELL}, bad {@code HEALTHCHECK}
 * types and durations, bad {@code RUN --network}/{@code --security} values and {@code --mount}
 * values, and variables in a mount's {@code from}. Values are not expanded here.
 */
final class InstructionRules {

    private enum Kind { BOOL, STRING, STRINGS }

    private static final Map<String, Kind> NO_FLAGS = Map.of();
    private static final Map<String, Kind> FROM_FLAGS = Map.of("platform", Kind.STRING);
    private static final Map<String, Kind> COPY_FLAGS = Map.of("chown", Kind.STRING, "from", Kind.STRING,
            "chmod", Kind.STRING, "link", Kind.BOOL, "exclude", Kind.STRINGS, "parents", Kind.BOOL);
    private static final Map<String, Kind> ADD_FLAGS = Map.of("chown", Kind.STRING, "chmod", Kind.STRING,
            "link", Kind.BOOL, "keep-git-dir", Kind.BOOL, "checksum", Kind.STRING, "unpack", Kind.BOOL,
            "exclude", Kind.STRINGS);
    private static final Map<String, Kind> RUN_FLAGS = Map.of("mount", Kind.STRINGS, "network", Kind.STRING,
            "security", Kind.STRING, "device", Kind.STRINGS);
    private static final Map<String, Kind> HEALTHCHECK_FLAGS = Map.of("interval", Kind.STRING, "timeout", Kind.STRING,
            "start-period", Kind.STRING, "start-interval", Kind.STRING, "retries", Kind.STRING);
    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9\\-_.]*");
    private static final Set<String> NETWORKS = Set.of("default", "none", "host");
    private static final Set<String> SECURITY = Set.of("sandbox", "insecure");

    /**
     * An instruction that passed.
     *
     * @param flags        flag name → values in order
     * @param mountSources for {@code RUN}, each {@code --mount}'s {@code from} that is not empty
     */
    record Checked(Map<String, List<String>> flags, List<String> mountSources) {

        /** The flag's last value, or {@code null}. */
        String flag(String name) {
            return last(flags, name, null);
        }
    }

    private InstructionRules() {
    }

    static Checked check(InstructionNode node) throws DockerfileException {
        try {
            return checked(node);
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(node.line(), e.getMessage());
        }
    }

    private static Checked checked(InstructionNode node) {
        String name = node.name();
        List<String> args = node.args();
        Map<String, List<String>> flags = Map.of();
        List<String> mounts = List.of();
        switch (name) {
            case "ENV", "LABEL" -> {
                flags = flags(node, NO_FLAGS);
                atLeastOne(node);
                for (int i = 0; i < args.size(); i += 3) {
                    if (args.get(i).isEmpty()) {
                        throw new IllegalArgumentException(name + " names can not be blank (\"=" + args.get(i + 1) + "\")");
                    }
                }
            }
            case "MAINTAINER", "WORKDIR", "USER" -> {
                exactlyOne(node);
                flags = flags(node, NO_FLAGS);
            }
            case "STOPSIGNAL" -> exactlyOne(node);
            case "ADD", "COPY" -> {
                if (args.size() < 2) {
                    throw new IllegalArgumentException(name + " requires at least two arguments (sources and a destination),"
                            + " but " + (args.isEmpty() ? "none was" : "only one was") + " provided");
                }
                flags = flags(node, name.equals("ADD") ? ADD_FLAGS : COPY_FLAGS);
                if (Heredocs.parse(args.get(args.size() - 1)) != null) {
                    throw new IllegalArgumentException(name + " cannot accept a heredoc as a destination");
                }
            }
            case "FROM" -> {
                if (args.size() == 3 && args.get(1).equalsIgnoreCase("AS")) {
                    if (!STAGE_NAME.matcher(args.get(2).toLowerCase(Locale.ROOT)).matches()) {
                        throw new IllegalArgumentException("invalid name for build stage: \"" + args.get(2)
                                + "\", name can't start with a number or contain symbols");
                    }
                } else if (args.size() != 1) {
                    throw new IllegalArgumentException("FROM requires either one or three arguments: FROM [--platform=…]"
                            + " image [AS name], got " + args.size());
                }
                flags = flags(node, FROM_FLAGS);
            }
            case "ONBUILD" -> {
                atLeastOne(node);
                flags = flags(node, NO_FLAGS);
                String trigger = args.get(0).strip().toUpperCase(Locale.ROOT);
                if (trigger.equals("ONBUILD")) {
                    throw new IllegalArgumentException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
                }
                if (trigger.equals("MAINTAINER") || trigger.equals("FROM")) {
                    throw new IllegalArgumentException(trigger + " isn't allowed as an ONBUILD trigger");
                }
            }
            case "RUN" -> {
                flags = flags(node, RUN_FLAGS);
                for (String device : flags.getOrDefault("device", List.of())) {
                    csv(device, "--device");
                }
                mounts = mountSources(flags.getOrDefault("mount", List.of()));
                String network = last(flags, "network", "default");
                if (!NETWORKS.contains(network)) {
                    throw new IllegalArgumentException("invalid network mode \"" + network + "\" (expected default, none or host)");
                }
                String security = last(flags, "security", "sandbox");
                if (!SECURITY.contains(security)) {
                    throw new IllegalArgumentException("security \"" + security + "\" is not valid (expected sandbox or insecure)");
                }
            }
            case "CMD", "ENTRYPOINT" -> flags = flags(node, NO_FLAGS);
            case "HEALTHCHECK" -> flags = healthcheck(node);
            case "EXPOSE" -> {
                atLeastOne(node);
                flags = flags(node, NO_FLAGS);
            }
            case "VOLUME" -> {
                atLeastOne(node);
                flags = flags(node, NO_FLAGS);
                if (args.stream().anyMatch(String::isBlank)) {
                    throw new IllegalArgumentException("VOLUME specified can not be an empty string");
                }
            }
            case "ARG" -> {
                atLeastOne(node);
                for (String arg : args) {
                    if (arg.startsWith("=")) {
                        throw new IllegalArgumentException("ARG names can not be blank (\"" + arg + "\")");
                    }
                }
            }
            case "SHELL" -> {
                flags = flags(node, NO_FLAGS);
                atLeastOne(node);
                if (!node.json()) {
                    throw new IllegalArgumentException("SHELL requires the arguments to be in JSON form, e.g. SHELL [\"/bin/sh\", \"-c\"]");
                }
            }
            default -> throw new IllegalArgumentException("unknown instruction: " + node.keyword());
        }
        return new Checked(flags, mounts);
    }

    private static Map<String, List<String>> healthcheck(InstructionNode node) {
        List<String> args = node.args();
        atLeastOne(node);
        String type = args.get(0).toUpperCase(Locale.ROOT);
        List<String> command = args.subList(1, args.size());
        if (type.equals("NONE")) {
            if (!command.isEmpty()) {
                throw new IllegalArgumentException("HEALTHCHECK NONE takes no arguments");
            }
            return Map.of();
        }
        Map<String, List<String>> flags = flags(node, HEALTHCHECK_FLAGS);
        if (!type.equals("CMD")) {
            throw new IllegalArgumentException("Unknown type \"" + args.get(0) + "\" in HEALTHCHECK (try CMD)");
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("Missing command after HEALTHCHECK CMD");
        }
        for (String interval : List.of("interval", "timeout", "start-period", "start-interval")) {
            String value = last(flags, interval, "");
            if (!value.isEmpty()) {
                long nanos = GoDuration.nanos(value);
                if (nanos != 0 && nanos < 1_000_000L) {
                    throw new IllegalArgumentException("Interval \"" + interval + "\" cannot be less than 1ms");
                }
            }
        }
        String retries = last(flags, "retries", "");
        if (!retries.isEmpty()) {
            if (!retries.matches("[+-]?[0-9]+")) {
                throw new IllegalArgumentException("--retries=" + retries + " is not a whole number");
            }
            long count;
            try {
                count = Long.parseLong(retries);
            } catch (NumberFormatException e) {
                count = Long.MAX_VALUE;
            }
            if (count > Integer.MAX_VALUE || count < Integer.MIN_VALUE) {
                throw new IllegalArgumentException("--retries=" + retries + " is out of range");
            }
            if (count < 0) {
                throw new IllegalArgumentException("--retries cannot be negative (" + count + ")");
            }
        }
        return flags;
    }

    /** BuildKit's {@code BFlags.Parse} against the flags an instruction defines. */
    private static Map<String, List<String>> flags(InstructionNode node, Map<String, Kind> defined) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String flag : node.flags()) {
            int equals = flag.indexOf('=');
            String name = equals < 0 ? flag : flag.substring(0, equals);
            String value = equals < 0 ? "" : flag.substring(equals + 1);
            Kind kind = defined.get(name.substring(2));
            if (kind == null) {
                throw new IllegalArgumentException("unknown flag: " + name + (defined.isEmpty()
                        ? " (" + node.name() + " takes no flags)"
                        : " (" + node.name() + " takes " + String.join(", ", defined.keySet().stream().sorted().map(n -> "--" + n).toList())
                                + ")"));
            }
            if (out.containsKey(name.substring(2)) && kind != Kind.STRINGS) {
                throw new IllegalArgumentException("duplicate flag specified: " + name);
            }
            switch (kind) {
                case BOOL -> {
                    if (equals >= 0 && value.isEmpty()) {
                        throw new IllegalArgumentException("missing a value on flag: " + name);
                    }
                    String bool = value.toLowerCase(Locale.ROOT);
                    if (!bool.isEmpty() && !bool.equals("true") && !bool.equals("false")) {
                        throw new IllegalArgumentException("expecting boolean value for flag " + name + ", not: " + value);
                    }
                    value = bool.isEmpty() ? "true" : bool;
                }
                case STRING, STRINGS -> {
                    if (equals < 0) {
                        throw new IllegalArgumentException("missing a value on flag: " + name + " (write " + name + "=value)");
                    }
                }
                default -> throw new IllegalStateException(kind.name());
            }
            out.computeIfAbsent(name.substring(2), k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /** Each mount's {@code from}, checked as BuildKit checks it before any expansion. */
    private static List<String> mountSources(List<String> mounts) {
        List<String> out = new ArrayList<>();
        for (String mount : mounts) {
            Map<String, String> options = new HashMap<>();
            for (String field : csv(mount, "--mount")) {
                int equals = field.indexOf('=');
                if (equals >= 0) {
                    options.put(field.substring(0, equals).toLowerCase(Locale.ROOT), field.substring(equals + 1));
                }
            }
            String from = options.get("from");
            if (from == null) {
                continue;
            }
            int dollar = from.indexOf('$');
            if (dollar >= 0 && dollar != from.length() - 1) {
                throw new IllegalArgumentException("--mount from=" + from + ": 'from' doesn't support variable expansion,"
                        + " define alias stage instead (FROM ${…} AS name, then from=name)");
            }
            if (!from.isEmpty()) {
                out.add(from);
            }
        }
        return out;
    }

    private static List<String> csv(String value, String flag) {
        try {
            return CsvFields.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + flag + "=" + value + " as comma-separated fields: " + e.getMessage());
        }
    }

    private static String last(Map<String, List<String>> flags, String name, String fallback) {
        List<String> values = flags.get(name);
        return values == null ? fallback : values.get(values.size() - 1);
    }

    private static void atLeastOne(InstructionNode node) {
        if (node.args().isEmpty()) {
            throw new IllegalArgumentException(node.name() + " requires at least one argument");
        }
    }

    private static void exactlyOne(InstructionNode node) {
        if (node.args().size() != 1) {
            throw new IllegalArgumentException(node.name() + " requires exactly one argument");
        }
    }
}
