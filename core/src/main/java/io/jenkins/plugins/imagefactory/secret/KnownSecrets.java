package io.jenkins.plugins.imagefactory.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
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

    /**
     * What looks like a credential, each shape with a cheap test that a string could hold it at all:
     * every string the engine writes passes here (tens of thousands per cycle, nearly all digests,
     * references and dates), and running five expressions over each cost seconds at 10,000 images.
     */
    static final List<Shape> SHAPES = List.of(
            // Authorization schemes with their credential
            // (a digit and 16 characters at least, so "token rotation" stays readable)
            new Shape(Pattern.compile("(?i)\\b(bearer|token|basic|digest)(\\s+)(?=[A-Za-z._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]{16,}"),
                    "$1$2" + MASK, (text, lower) -> containsAny(lower, "bearer", "token", "basic", "digest")),
            // header lines as some servers echo them
            new Shape(Pattern.compile("(?i)\\b((?:proxy-)?authorization|x-api-key|private-token|cookie)(\"?\\s*[:=]\\s*\"?)[^\"\\r\\n,}]+"),
                    "$1$2" + MASK, (text, lower) -> containsAny(lower, "authorization", "x-api-key", "private-token", "cookie")),
            new Shape(Pattern.compile("\\b(?:" + TOKEN_FORMATS.pattern() + ")"), MASK,
                    (text, lower) -> containsAny(text, "_", "glpat-", "xox", "AKIA", "eyJ")),
            // query values named like credentials: ?sig=…, &access_token=…
            new Shape(Pattern.compile("(?i)([?&](?:sig|signature|token|access_token|api_key|apikey|key|password|secret|auth"
                    + "|x-amz-signature|x-amz-credential)=)()[^&\\s\"'#]+"),
                    "$1$2" + MASK, (text, lower) -> text.indexOf('=') >= 0 && (text.indexOf('?') >= 0 || text.indexOf('&') >= 0)),
            // user-info in a URL: scheme://user:password@host
            new Shape(Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s\"']+@"), "$1",
                    (text, lower) -> text.indexOf('@') >= 0 && text.contains("://")));
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");
    private static final Pattern TRAILING_WORD = Pattern.compile("[^\\s\"',;]+$");

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
        String lower = result.toLowerCase(Locale.ROOT);
        for (Shape shape : SHAPES) {
            if (shape.mayMatch().test(result, lower)) {
                String masked = shape.pattern().matcher(result).replaceAll(shape.replacement());
                if (!masked.equals(result)) {
                    result = masked;
                    lower = result.toLowerCase(Locale.ROOT);
                }
            }
        }
        return result;
    }

    /**
     * A credential shape and what replaces it.
     *
     * @param mayMatch false only when {@code pattern} cannot match the text (given as written and in
     *                 lower case), so testing it first never lets a credential through
     */
    record Shape(Pattern pattern, String replacement, BiPredicate<String, String> mayMatch) {
    }

    private static boolean containsAny(String text, String... parts) {
        for (String part : parts) {
            if (text.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How an answer's body is quoted in a message: redacted, one line, control characters removed,
     * at most {@code max} characters.
     */
    public static String excerpt(String body, int max) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        // cap before redacting too: a hostile body may be megabytes; a word the cap cuts is dropped
        // whole, so no secret that straddles it leaves a prefix too short to be recognised
        boolean cut = body.length() > max * 4;
        String head = cut ? TRAILING_WORD.matcher(body.substring(0, max * 4)).replaceFirst("") : body;
        String clean = redact(CONTROL.matcher(head).replaceAll(" ")).replaceAll(" {2,}", " ").strip();
        if (clean.length() <= max && !cut) {
            return clean;
        }
        return (clean.length() <= max - 3 ? clean : clean.substring(0, max - 3)) + "...";
    }
}
