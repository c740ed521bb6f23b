package io.jenkins.plugins.imagefactory.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    private static final String SHA = "sha256:" + "a".repeat(64);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        alpine                                   | docker.io/library/alpine:latest
        alpine:3.20                              | docker.io/library/alpine:3.20
        library/alpine:3.20                      | docker.io/library/alpine:3.20
        docker.io/alpine                         | docker.io/library/alpine:latest
        docker.io/library/alpine:3.20            | docker.io/library/alpine:3.20
        index.docker.io/library/alpine           | docker.io/library/alpine:latest
        registry-1.docker.io/bitnami/redis:7     | docker.io/bitnami/redis:7
        bitnami/redis:7.2                        | docker.io/bitnami/redis:7.2
        python:3.12-slim                         | docker.io/library/python:3.12-slim
        ghcr.io/org/app:1.2.3                    | ghcr.io/org/app:1.2.3
        ghcr.io/org/team/app                     | ghcr.io/org/team/app:latest
        quay.io/prometheus/node-exporter:v1.8.0  | quay.io/prometheus/node-exporter:v1.8.0
        localhost/app                            | localhost/app:latest
        localhost:5000/app:dev                   | localhost:5000/app:dev
        127.0.0.1:5000/base/os:1                 | 127.0.0.1:5000/base/os:1
        [::1]:5000/app:1                         | [::1]:5000/app:1
        myregistry:5000/app                      | myregistry:5000/app:latest
        Registry.Example.com/app:1               | Registry.Example.com/app:1
        gcr.io/distroless/static-debian12:nonroot | gcr.io/distroless/static-debian12:nonroot
        mcr.microsoft.com/dotnet/sdk:8.0         | mcr.microsoft.com/dotnet/sdk:8.0
        a/b/c/d/e:f                              | docker.io/a/b/c/d/e:f
        my_image__x:1                            | docker.io/library/my_image__x:1
        my-----image:1                           | docker.io/library/my-----image:1
        app:Tag_With.Upper-1                     | docker.io/library/app:Tag_With.Upper-1
        app:_private                             | docker.io/library/app:_private
        foo.bar/baz:8080                         | foo.bar/baz:8080
        """)
    void normalises(String input, String canonical) {
        assertThat(ImageReference.parse(input).canonical()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        alpine@SHA                           | docker.io/library/alpine@SHA
        alpine:3.20@SHA                      | docker.io/library/alpine:3.20@SHA
        localhost:5000/x@SHA                 | localhost:5000/x@SHA
        ghcr.io/org/app:v1@SHA               | ghcr.io/org/app:v1@SHA
        """)
    void keepsDigests(String input, String canonical) {
        ImageReference ref = ImageReference.parse(input.replace("SHA", SHA));
        assertThat(ref.canonical()).isEqualTo(canonical.replace("SHA", SHA));
        assertThat(ref.hasDigest()).isTrue();
        assertThat(ref.manifestReference()).isEqualTo(SHA);
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', textBlock = """
        Alpine                    | repository name must be lowercase
        docker.io/Library/alpine  | repository name must be lowercase
        alpine:                   | tag is empty
        alpine:-dash              | invalid tag
        alpine:has space          | invalid tag
        alpine::1                 | invalid repository path component
        :latest                   | repository name is empty
        alpine@sha256:abc         | sha256 digest must be 64 lowercase hex characters
        alpine@md5:0123456789abcdef0123456789abcdef | unsupported digest algorithm
        alpine@notadigest         | invalid digest
        alpine@                   | invalid digest
        ghcr.io//app              | empty path component
        ghcr.io/app/              | empty path component
        -leading/app              | invalid repository path component
        app_/x                    | invalid repository path component
        a..b/c:1                  | invalid registry host
        -host.com/app             | invalid registry host
        host.com:port/app         | invalid registry port
        [::1/app                  | invalid registry host
        app!:1                    | invalid repository path component
        'alpine '                 | whitespace
        """)
    void rejects(String input, String reason) {
        assertThatThrownBy(() -> ImageReference.parse(input))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsEmptyAndHexIdentifiers() {
        assertThatThrownBy(() -> ImageReference.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ImageReference.parse("a".repeat(64))).hasMessageContaining("64-byte hexadecimal");
        assertThatThrownBy(() -> ImageReference.parse("alpine@sha256:" + "A".repeat(64)))
                .hasMessageContaining("lowercase hex");
    }

    @Test
    void rejectsOverlongTagsAndNames() {
        assertThatThrownBy(() -> ImageReference.parse("alpine:" + "t".repeat(129))).hasMessageContaining("invalid tag");
        assertThat(ImageReference.parse("alpine:" + "t".repeat(128)).tag()).hasSize(128);
        assertThatThrownBy(() -> ImageReference.parse("ghcr.io/" + "a".repeat(250)))
                .hasMessageContaining("longer than 255");
    }

    @Test
    void exposesParts() {
        ImageReference ref = ImageReference.parse("localhost:5000/team/app:1.0");
        assertThat(ref.registry()).isEqualTo("localhost:5000");
        assertThat(ref.repository()).isEqualTo("team/app");
        assertThat(ref.tag()).isEqualTo("1.0");
        assertThat(ref.name()).isEqualTo("localhost:5000/team/app");
        assertThat(ref.isDockerHub()).isFalse();
        assertThat(ImageReference.parse("alpine").isDockerHub()).isTrue();
    }

    @Test
    void familiarFormDropsDefaults() {
        assertThat(ImageReference.parse("docker.io/library/alpine:3.20").familiar()).isEqualTo("alpine:3.20");
        assertThat(ImageReference.parse("bitnami/redis").familiar()).isEqualTo("bitnami/redis:latest");
        assertThat(ImageReference.parse("ghcr.io/o/a:1").familiar()).isEqualTo("ghcr.io/o/a:1");
    }

    @Test
    void derivesRelatedReferences() {
        ImageReference pinned = ImageReference.parse("alpine:3.20@" + SHA);
        assertThat(pinned.withoutDigest().canonical()).isEqualTo("docker.io/library/alpine:3.20");
        assertThat(ImageReference.parse("alpine:3.20").withDigest(SHA)).isEqualTo(pinned);
        assertThat(ImageReference.parse("alpine").withTag("edge").canonical()).isEqualTo("docker.io/library/alpine:edge");
    }

    @Test
    void equalReferencesAreEqualWhateverTheSpelling() {
        assertThat(ImageReference.parse("alpine")).isEqualTo(ImageReference.parse("docker.io/library/alpine:latest"));
        assertThat(ImageReference.isValid("Alpine")).isFalse();
        assertThat(ImageReference.isValid("alpine")).isTrue();
    }
}
