package io.jenkins.plugins.imagefactory.webhook;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a host answers to a registry push delivery, and which references it asks the next cycle to
 * check: the same for {@code serve} and Jenkins. A push about references nothing watches asks for
 * nothing and says so, instead of claiming a digest check.
 *
 * @param status the HTTP status
 * @param body   the JSON body ({@code error} for refusals)
 * @param hints  references to check first, empty when there is nothing to do
 */
public record PushAnswer(int status, Map<String, Object> body, Map<ImageReference, DetectedBy> hints) {

    public PushAnswer {
        body = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(body));
        hints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hints));
    }

    /**
     * @param watched whether a reference is tracked; before the first cycle nothing is known, so a
     *                host passes {@code ref -> true} and every hinted reference is checked
     */
    public static PushAnswer of(WebhookResult result, Predicate<ImageReference> watched) {
        if (result instanceof WebhookResult.Accepted accepted) {
            Map<ImageReference, DetectedBy> hints = new LinkedHashMap<>();
            List<String> unwatched = new ArrayList<>();
            for (PushHint hint : accepted.hints()) {
                ImageReference reference = hint.watchedReference();
                if (watched.test(reference)) {
                    hints.putIfAbsent(reference, DetectedBy.WEBHOOK);
                } else if (!unwatched.contains(reference.canonical())) {
                    unwatched.add(reference.canonical());
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            if (hints.isEmpty()) {
                body.put("ignored", "not watched: " + String.join(", ", unwatched));
                return new PushAnswer(200, body, Map.of());
            }
            body.put("accepted", hints.size());
            body.put("references", hints.keySet().stream().map(ImageReference::canonical).toList());
            if (!unwatched.isEmpty()) {
                body.put("notWatched", unwatched);
            }
            body.put("message", "digest check requested");
            return new PushAnswer(202, body, hints);
        }
        if (result instanceof WebhookResult.Ignored ignored) {
            return new PushAnswer(200, Map.of("ignored", ignored.reason()), Map.of());
        }
        WebhookResult.Rejected rejected = (WebhookResult.Rejected) result;
        return new PushAnswer(rejected.httpStatus(), Map.of("error", rejected.message()), Map.of());
    }
}
