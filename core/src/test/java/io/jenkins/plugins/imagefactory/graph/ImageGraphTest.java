package io.jenkins.plugins.imagefactory.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageGraphTest {

    private static final String SHA = "sha256:" + "b".repeat(64);

    static ImageReference ref(String text) {
        return ImageReference.parse(text);
    }

    static ManagedImage image(String name, String published, String... bases) {
        List<BaseUse> uses = new ArrayList<>();
        for (int i = 0; i < bases.length; i++) {
            ImageReference base = ref(bases[i]);
            uses.add(new BaseUse(base, base.hasDigest(), i == bases.length - 1));
        }
        return new ManagedImage(name, List.of(ref(published)), uses);
    }

    /** python:3.12 -> base-python -> {api, worker}; api + worker -> nothing else; jre chain separate. */
    private final ImageGraph diamond = ImageGraph.of(List.of(
            image("base-python", "ghcr.io/acme/base/python:3.12", "python:3.12-slim"),
            image("api", "ghcr.io/acme/api:latest", "ghcr.io/acme/base/python:3.12"),
            image("worker", "ghcr.io/acme/worker:latest", "ghcr.io/acme/base/python:3.12", "python:3.12-slim"),
            image("gateway", "ghcr.io/acme/gateway:latest", "ghcr.io/acme/api:latest", "ghcr.io/acme/worker:latest"),
            image("pinned", "ghcr.io/acme/pinned:latest", "python:3.12-slim@" + SHA),
            image("static", "ghcr.io/acme/static:latest")));

    @Test
    void rolesAreDerived() {
        assertThat(diamond.role(ref("python:3.12-slim"))).contains(Role.BASE);
        assertThat(diamond.role(ref("ghcr.io/acme/base/python:3.12"))).contains(Role.MANAGED_AND_BASE);
        assertThat(diamond.role(ref("ghcr.io/acme/gateway"))).contains(Role.MANAGED);
        assertThat(diamond.role(ref("ghcr.io/acme/static"))).contains(Role.MANAGED);
        assertThat(diamond.role(ref("alpine"))).isEmpty();
    }

    @Test
    void dependentsAreDirectAndTransitiveOnceEach() {
        assertThat(diamond.directDependents(ref("python:3.12-slim"))).containsExactly(
                new Dependent("base-python", false, 1), new Dependent("pinned", true, 1), new Dependent("worker", false, 1));
        assertThat(diamond.dependents(ref("python:3.12-slim"))).containsExactly(
                new Dependent("base-python", false, 1), new Dependent("pinned", true, 1), new Dependent("worker", false, 1),
                new Dependent("api", false, 2), new Dependent("gateway", false, 2));
    }

    @Test
    void impactIsInRebuildOrderAndSkipsPinnedUses() {
        assertThat(diamond.impact(ref("python:3.12-slim"))).containsExactly("base-python", "api", "worker", "gateway");
        assertThat(diamond.impact(ref("ghcr.io/acme/api:latest"))).containsExactly("gateway");
        assertThat(diamond.impact(ref("ghcr.io/acme/gateway:latest"))).isEmpty();
    }

    @Test
    void ancestorsFollowManagedChains() {
        assertThat(diamond.ancestors("gateway")).containsExactly("api", "base-python", "worker");
        assertThat(diamond.ancestors("base-python")).isEmpty();
        assertThat(diamond.managedParents("worker")).containsExactly("base-python");
    }

    @Test
    void watchedSkipsPinnedOnlyBasesAndDigestReferences() {
        ImageGraph graph = ImageGraph.of(List.of(
                image("a", "ghcr.io/o/a:1", "alpine:3.20@" + SHA),
                image("b", "ghcr.io/o/b:1", "busybox@" + SHA)));
        assertThat(graph.tracked()).extracting(ImageReference::canonical).containsExactly(
                "docker.io/library/alpine:3.20", "docker.io/library/busybox@" + SHA, "ghcr.io/o/a:1", "ghcr.io/o/b:1");
        assertThat(graph.watched()).extracting(ImageReference::canonical).containsExactly("ghcr.io/o/a:1", "ghcr.io/o/b:1");
        assertThat(diamond.watched()).contains(ref("python:3.12-slim"));
    }

    @Test
    void cyclesAreNamedAndLeftOutOfImpact() {
        ImageGraph graph = ImageGraph.of(List.of(
                image("a", "ghcr.io/o/a:1", "ghcr.io/o/b:1"),
                image("b", "ghcr.io/o/b:1", "ghcr.io/o/c:1"),
                image("c", "ghcr.io/o/c:1", "ghcr.io/o/a:1", "alpine"),
                image("d", "ghcr.io/o/d:1", "ghcr.io/o/a:1"),
                image("self", "ghcr.io/o/self:1", "ghcr.io/o/self:1")));
        assertThat(graph.cycles()).extracting(GraphCycle::describe).containsExactly(
                "dependency cycle: a -> b -> c -> a", "dependency cycle: self -> self");
        assertThat(graph.cycleOf("b")).isPresent();
        assertThat(graph.cycleOf("d")).isEmpty();
        assertThat(graph.impact(ref("alpine"))).containsExactly("d");
    }

    @Test
    void aReferenceManagedTwiceIsRefused() {
        assertThatThrownBy(() -> ImageGraph.of(List.of(image("a", "ghcr.io/o/x:1"), image("b", "ghcr.io/o/x:1"))))
                .hasMessageContaining("managed by both \"a\" and \"b\"");
    }

    @Test
    void deepChainsDoNotOverflow() {
        List<ManagedImage> chain = new ArrayList<>();
        chain.add(image("n0", "ghcr.io/o/n0:1", "alpine"));
        for (int i = 1; i < 20_000; i++) {
            chain.add(image("n" + i, "ghcr.io/o/n" + i + ":1", "ghcr.io/o/n" + (i - 1) + ":1"));
        }
        ImageGraph graph = ImageGraph.of(chain);
        assertThat(graph.cycles()).isEmpty();
        List<String> order = graph.impact(ref("alpine"));
        assertThat(order).hasSize(20_000);
        assertThat(order.get(0)).isEqualTo("n0");
        assertThat(order.get(19_999)).isEqualTo("n19999");
    }
}
