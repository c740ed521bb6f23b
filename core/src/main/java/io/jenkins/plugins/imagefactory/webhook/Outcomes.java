package io.jenkins.plugins.imagefactory.webhook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects the hints and ignore reasons of a payload that carries several events. */
final class Outcomes {

    private static final int MAX_REASONS_SHOWN = 5;

    private final Set<PushHint> hints = new LinkedHashSet<>();
    private final List<String> ignored = new ArrayList<>();

    void hint(PushHint hint) {
        hints.add(hint);
    }

    void ignore(String reason) {
        ignored.add(reason);
    }

    WebhookResult result(String emptyReason) {
        if (!hints.isEmpty()) {
            return new WebhookResult.Accepted(List.copyOf(hints));
        }
        if (ignored.isEmpty()) {
            return new WebhookResult.Ignored(emptyReason);
        }
        String shown = String.join("; ", ignored.subList(0, Math.min(ignored.size(), MAX_REASONS_SHOWN)));
        int more = ignored.size() - MAX_REASONS_SHOWN;
        return new WebhookResult.Ignored(more > 0 ? shown + "; and " + more + " more" : shown);
    }
}
