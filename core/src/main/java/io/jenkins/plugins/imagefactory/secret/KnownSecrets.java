package io.jenkins.plugins.imagefactory.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every secret value this process has resolved, and the one redaction every quoted answer and
 * every written record goes through. A build system, a registry or a proxy may echo what it was
 * sent (an {@code Authorization} header, a token in a URL) in an error body; that body is quoted
 * into messages that reach logs, commit messages, the audit log and state files, so it is masked
 * here: each known value (raw, URL-encoded, and as HTTP basic credentials), and whatever looks like
 * a credential even if this process never saw it ({@code Bearer …}, {@code token …},
 * {@code Basic …}, known token formats, URL user-info, {@code ?sig=…}-style query values).
 */
public final class KnownSecrets {

    public static final String MASK = "****";
    /** Shorter values are too likely to occur in ordinary text to be masked everywhere. */
    static final int MIN_LENGTH = 4;
    private static final int MAX_REMEMBERED = 10_000;

    /** Token formats of common services (GitHub, GitLab, Docker Hub, Slack, AWS, npm, JWTs): a secret on sight. */
    public static final Pattern TOKEN_FORMATS = Pattern.compile(
            "gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{16,}|dckr_pat_[A-Za-z0-9_-]{16,}"
                    + "|xox[abposr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|npm_[A-Za-z0-9]{30,}"
                    + "|eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]*");

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();
    private static volatile List<String> longestFirst = List.of();

    private static final List<Pattern> SHAPES = List.of(
            // Authorization schemes with their credential
            // (a digit and 16 characters at least, so "token rotation" stays readable)
            Pattern.compile("(?i)\\b(bearer|token|basic|digest)(\\s+)(?=[A-Za-z._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]{16,}"),
            // header lines as some servers echo them
            Pattern.compile("(?i)\\b((?:proxy-)?authorization|x-api-key|private-token|cookie)(\"?\\s*[:=]\\s*\"?)[^\"\\r\\n,}]+"),
            Pattern.compile("\\b()()(?:" + TOKEN_FORMATS.pattern() + ")"),
            // query values named like credentials: ?sig=…, &access_token=…
            Pattern.compile("(?i)([?&](?:sig|signature|token|access_token|api_key|apikey|key|password|secret|auth"
                    + "|x-amz-signature|x-amz-credential)=)()[^&\\s\"'#]+"));
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s\"']+@");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");

    private KnownSecrets() {
    }

    /** Remembers a resolved secret so no later message or record can show it. */
    static void remember(String username, String value) {
        if (value == null || value.length() < MIN_LENGTH || VALUES.size() >= MAX_REMEMBERED) {
            return;
        }
        boolean added = VALUES.add(value);
        added |= VALUES.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        String user = username == null ? "" : username;
        added |= VALUES.add(Base64.getEncoder().encodeToString((user + ":" + value).getBytes(StandardCharsets.UTF_8)));
        if (added) {
            longestFirst = VALUES.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
    }

    /** The text with every known secret and every credential-shaped string masked. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : longestFirst) {
            if (result.contains(value)) {
                result = result.replace(value, MASK);
            }
        }
        for (Pattern shape : SHAPES) {
            result = shape.matcher(result).replaceAll("$1$2" + MASK);
        }
        return USER_INFO.matcher(result).replaceAll("$1");
    }

    /**
     * How an answer's body is quoted in a message: redacted, one line, control characters removed,
     * at most {@code max} characters.
     */
    public static String excerpt(String body, int max) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        // cap before redacting too: a hostile body may be megabytes
        String head = body.length() > max * 4 ? body.substring(0, max * 4) : body;
        String clean = redact(CONTROL.matcher(head).replaceAll(" ")).replaceAll(" {2,}", " ").strip();
        return clean.length() <= max ? clean : clean.substring(0, max - 3) + "...";
    }
}
