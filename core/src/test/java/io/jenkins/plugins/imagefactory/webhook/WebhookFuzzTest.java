package io.jenkins.plugins.imagefactory.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Accepted;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Rejected;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid push deliveries many times and checks the receiver's promises: nothing escapes
 * {@code receive}, no mutation trips an unexpected internal error, nothing unauthenticated yields
 * a hint, and every hint that does come out is backed by a real push in the mutated body.
 */
class WebhookFuzzTest {

    private static final long SEED = 20250309L;
    private static final int ITERATIONS = 12_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final WebhookReceiver receiver = Deliveries.receiver();

    private record Seed(WebhookKind kind, byte[] body) {
    }

    @Test
    void mutated_deliveries_never_throw_and_never_produce_unbacked_hints() throws Exception {
        List<Seed> seeds = List.of(
                new Seed(WebhookKind.DISTRIBUTION, Deliveries.fixture("distribution/push-tagged.json")),
                new Seed(WebhookKind.GHCR, Deliveries.fixture("ghcr/registry-package-published.json")),
                new Seed(WebhookKind.DOCKERHUB, Deliveries.fixture("dockerhub/push.json")),
                new Seed(WebhookKind.HARBOR, Deliveries.fixture("harbor/push-artifact.json")));
        Random random = new Random(SEED);
        int accepted = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            Seed seed = seeds.get(i % seeds.size());
            List<String> applied = new ArrayList<>();
            byte[] body = seed.body();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                body = mutate(body, random, applied);
            }
            String context = "iteration " + i + " (" + seed.kind() + ", seed " + SEED + ", mutations " + applied + ")";
            try {
                accepted += check(seed.kind(), seed.body(), body, random, context) ? 1 : 0;
            } catch (AssertionError e) {
                throw new AssertionError(context + ": " + e.getMessage()
                        + "\nbody: " + Untrusted.quote(new String(body, StandardCharsets.UTF_8)), e);
            }
        }
        // The fuzzer must also reach the parser with bodies that still are pushes, or it tests little.
        assertThat(accepted).as("mutated deliveries still accepted").isGreaterThan(ITERATIONS / 20);
    }

    /** @return whether the authentic delivery was accepted */
    private boolean check(WebhookKind kind, byte[] original, byte[] body, Random random, String context) {
        WebhookResult anonymous = receiver.receive(unauthenticated(kind, body));
        assertRejected(anonymous, Status.UNAUTHORIZED);

        WebhookResult forged = receiver.receive(wronglyAuthenticated(kind, original, body));
        if (!Arrays.equals(original, body) || kind != WebhookKind.GHCR) {
            assertRejected(forged, Status.FORBIDDEN);
        }

        String event = kind == WebhookKind.GHCR
                ? List.of("registry_package", "registry_package", "registry_package", "package", "ping").get(random.nextInt(5))
                : null;
        WebhookResult authentic = receiver.receive(authenticated(kind, body, event));
        if (authentic instanceof Rejected rejected) {
            assertThat(rejected.message()).as("unexpected internal error").doesNotContain("could not be processed");
            assertThat(rejected.message()).as("message is bounded").hasSizeLessThanOrEqualTo(Untrusted.MAX_MESSAGE + 20);
            assertThat(rejected.message().chars().noneMatch(Character::isISOControl))
                    .as("message has no control characters: %s", rejected.message()).isTrue();
            assertThat(rejected.status()).isEqualTo(Status.BAD_REQUEST);
        }
        if (authentic instanceof Accepted acceptedResult) {
            assertBackedByBody(kind, body, event, acceptedResult.hints());
            return true;
        }
        return false;
    }

    private static void assertRejected(WebhookResult result, Status expected) {
        assertThat(result).isInstanceOf(Rejected.class);
        Status status = ((Rejected) result).status();
        // An oversized body is turned away before credentials are looked at.
        assertThat(status).isIn(expected, Status.BAD_REQUEST);
        if (status == Status.BAD_REQUEST) {
            assertThat(((Rejected) result).message()).contains("may have at most");
        }
    }

    /** Independent oracle: an accepted body is JSON, is a push of this kind, and names every hint's parts. */
    private void assertBackedByBody(WebhookKind kind, byte[] body, String event, List<PushHint> hints) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            fail("accepted a body that is not JSON: " + e.getMessage());
            return;
        }
        assertThat(root.isObject()).as("accepted body is an object").isTrue();
        switch (kind) {
            case DISTRIBUTION -> assertThat(root.path("events").findValuesAsText("action")).contains("push");
            case GHCR -> {
                assertThat(event).isIn("registry_package", "package");
                assertThat(root.path("action").asText()).isIn("published", "updated");
                assertThat(root.path(event).path("package_type").asText()).isEqualToIgnoringCase("container");
            }
            case DOCKERHUB -> assertThat(root.path("push_data").path("tag").isTextual()).isTrue();
            case HARBOR -> assertThat(root.path("type").asText()).isEqualTo("PUSH_ARTIFACT");
        }
        Set<String> strings = new HashSet<>();
        collectStrings(root, strings);
        String host = receiver.endpoint(kind).orElseThrow().registryHost();
        for (PushHint hint : hints) {
            ImageReference reference = hint.reference();
            assertThat(hint.source()).isEqualTo(kind);
            assertThat(reference.registry()).isEqualTo(host);
            assertThat(ImageReference.parse(reference.canonical())).isEqualTo(reference);
            assertThat(strings).as("tag of %s appears in the body", reference).contains(reference.tag());
            if (reference.digest() != null) {
                assertThat(strings).as("digest of %s appears in the body", reference).contains(reference.digest());
            }
        }
    }

    private static void collectStrings(JsonNode node, Set<String> out) {
        if (node.isTextual()) {
            out.add(node.textValue());
        }
        node.elements().forEachRemaining(child -> collectStrings(child, out));
    }

    // ---- requests ------------------------------------------------------------------------------

    private static WebhookRequest unauthenticated(WebhookKind kind, byte[] body) {
        return switch (kind) {
            case DISTRIBUTION -> Deliveries.distribution(body, null);
            case GHCR -> Deliveries.ghcr("registry_package", body, null);
            case DOCKERHUB -> Deliveries.dockerHub(body, null);
            case HARBOR -> Deliveries.harbor(body, null);
        };
    }

    /** Credentials that would be right for some other delivery: the original body's signature, a guessed token. */
    private static WebhookRequest wronglyAuthenticated(WebhookKind kind, byte[] original, byte[] body) {
        return switch (kind) {
            case DISTRIBUTION -> Deliveries.distribution(body, Deliveries.DISTRIBUTION_AUTH + " ");
            case GHCR -> Deliveries.ghcr("registry_package", body, HmacSignatures.sign(Deliveries.GHCR_SECRET, original));
            case DOCKERHUB -> Deliveries.dockerHub(body, Deliveries.DOCKERHUB_TOKEN.toUpperCase(java.util.Locale.ROOT));
            case HARBOR -> Deliveries.harbor(body, "Basic " + java.util.Base64.getEncoder()
                    .encodeToString("harbor-hook:S3cret".getBytes(StandardCharsets.UTF_8)));
        };
    }

    private static WebhookRequest authenticated(WebhookKind kind, byte[] body, String event) {
        return switch (kind) {
            case DISTRIBUTION -> Deliveries.distribution(body);
            case GHCR -> Deliveries.ghcr(event, body);
            case DOCKERHUB -> Deliveries.dockerHub(body);
            case HARBOR -> Deliveries.harbor(body);
        };
    }

    // ---- mutations -----------------------------------------------------------------------------

    private static final List<String> TOKENS = List.of("{", "}", "[", "]", "\"", ",", ":", "null", "true", "-0",
            "1e999999", "\\u0000", "\\ud800", "\u00e9", "\"push\"", "\"tag\":\"x\"", "@", "sha256:");

    private static byte[] mutate(byte[] body, Random random, List<String> applied) {
        int choice = random.nextInt(7);
        switch (choice) {
            case 0 -> {
                applied.add("flip");
                if (body.length == 0) {
                    return body;
                }
                byte[] out = body.clone();
                out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                return out;
            }
            case 1 -> {
                applied.add("truncate");
                return Arrays.copyOf(body, random.nextInt(body.length + 1));
            }
            case 2 -> {
                applied.add("insert");
                byte[] token = TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8);
                int at = random.nextInt(body.length + 1);
                byte[] out = new byte[body.length + token.length];
                System.arraycopy(body, 0, out, 0, at);
                System.arraycopy(token, 0, out, at, token.length);
                System.arraycopy(body, at, out, at + token.length, body.length - at);
                return out;
            }
            case 3 -> {
                applied.add("type-swap");
                return onTree(body, random, node -> randomValue(random, node));
            }
            case 4 -> {
                applied.add("huge-value");
                return onTree(body, random, node -> hugeValue(random));
            }
            case 5 -> {
                applied.add("remove-field");
                return onTree(body, random, node -> null);
            }
            default -> {
                applied.add("retag");
                // Keeps the body a plausible push with a different, possibly invalid, tag.
                return onTree(body, random, node -> node.isTextual()
                        ? NODES.textNode(List.of("1.0", "", "v1@sha256:ab", "UPPER", "a/b", "-x", "ok_tag", "x".repeat(129))
                                .get(random.nextInt(8)))
                        : node);
            }
        }
    }

    /** Replaces (or with {@code null}, removes) a random node of the parsed body; raw bytes are left alone when not JSON. */
    private static byte[] onTree(byte[] body, Random random, Function<JsonNode, JsonNode> replace) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception notJson) {
            return body;
        }
        if (root == null || !root.isContainerNode()) {
            return body;
        }
        List<Map.Entry<JsonNode, Object>> slots = new ArrayList<>();
        collectSlots(root, slots);
        if (slots.isEmpty()) {
            return body;
        }
        Map.Entry<JsonNode, Object> slot = slots.get(random.nextInt(slots.size()));
        JsonNode parent = slot.getKey();
        if (parent instanceof ObjectNode object) {
            String field = (String) slot.getValue();
            JsonNode replacement = replace.apply(object.get(field));
            if (replacement == null) {
                object.remove(field);
            } else {
                object.set(field, replacement);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = (Integer) slot.getValue();
            JsonNode replacement = replace.apply(array.get(index));
            if (replacement == null) {
                array.remove(index);
            } else {
                array.set(index, replacement);
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collectSlots(JsonNode node, List<Map.Entry<JsonNode, Object>> out) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                out.add(Map.entry(node, name));
                collectSlots(object.get(name), out);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                out.add(Map.entry(node, i));
                collectSlots(array.get(i), out);
            }
        }
    }

    private static JsonNode randomValue(Random random, JsonNode current) {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.textNode(current == null ? "" : current.toString());
            case 4 -> NODES.arrayNode().add(current == null ? NODES.nullNode() : current);
            default -> NODES.objectNode().set("value", current == null ? NODES.nullNode() : current);
        };
    }

    private static JsonNode hugeValue(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.textNode("a".repeat(100_000));
            case 1 -> NODES.textNode("z".repeat(1_100_000));
            case 2 -> NODES.numberNode(new java.math.BigInteger("9".repeat(500)));
            case 3 -> NODES.numberNode(Double.MAX_VALUE);
            default -> {
                JsonNode deep = NODES.textNode("bottom");
                for (int i = 0; i < 200; i++) {
                    deep = NODES.arrayNode().add(deep);
                }
                yield deep;
            }
        };
    }

    @Test
    void a_valid_delivery_stays_valid_when_re_signed_with_another_secret_only_for_that_secret() {
        // Guards the fuzz oracle: signing with the right secret is what makes GHCR deliveries authentic.
        byte[] body = Deliveries.fixture("ghcr/registry-package-published.json");
        WebhookRequest other = Deliveries.ghcr("registry_package", body, HmacSignatures.sign(Secret.token("x"), body));

        assertThat(receiver.receive(Deliveries.ghcr("registry_package", body))).isInstanceOf(Accepted.class);
        assertThat(receiver.receive(other)).isInstanceOf(Rejected.class);
    }
}
