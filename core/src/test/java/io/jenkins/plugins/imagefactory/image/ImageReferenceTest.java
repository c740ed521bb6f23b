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
        build_server.lan:8080                    | docker.io/library/build_server.lan:8080
        team/build_server.lan:8080               | docker.io/team/build_server.lan:8080
        10.0.0.7                                 | docker.io/library/10.0.0.7:latest
        10.0.0.7:443                             | docker.io/library/10.0.0.7:443
        10.0.0.7:443/platform/base:2             | 10.0.0.7:443/platform/base:2
        [fd00:1::7]/base                         | [fd00:1::7]/base:latest
        [fd00:1::7]:5000/team/base:edge          | [fd00:1::7]:5000/team/base:edge
        Mirror/base                              | Mirror/base:latest
        MIRROR.INTERNAL:5000/base                | MIRROR.INTERNAL:5000/base:latest
        xn--bcher-kva.example/app:xn--bcher-kva  | xn--bcher-kva.example/app:xn--bcher-kva
        index.docker.io/team/app:2               | docker.io/team/app:2
        docker.io/1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988 | docker.io/library/1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988:latest
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
        team/App:1                | repository name must be lowercase
        mirror.lan:5000/Team/app  | repository name must be lowercase
        [fd00:1::7]               | invalid tag
        [fd00:1::7]:5000          | invalid repository path component
        [fd00:1::7%eth0]:5000/app | invalid IPv6 registry host
        fd00:1::7:5000/app        | invalid registry port
        https://mirror.lan/app    | invalid registry port
        team//app                 | empty path component
        team/app-/x               | invalid repository path component
        team/a..b                 | invalid repository path component
        team/a_.b                 | invalid repository path component
        team/___                  | invalid repository path component
        app@sha256                | invalid digest
        app@sha384:abc            | sha384 digest must be 96 lowercase hex characters
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
    }

    @Test
    void theLengthLimitIsOnTheRepositoryPathAlone() {
        // The registry does not count: 255 path characters behind a long host are fine, 256 are not.
        String host = "registry.build-cluster.example.internal:5000/";
        assertThat(ImageReference.parse(host + "a".repeat(255) + ":1").repository()).hasSize(255);
        assertThatThrownBy(() -> ImageReference.parse(host + "a".repeat(256)))
                .hasMessageContaining("must not be longer than 255 characters");
        // A path of single-letter components exactly at the limit, whatever the tag adds.
        String components = "a/".repeat(127) + "a";
        assertThat(ImageReference.parse("mirror.lan/" + components + ":" + "t".repeat(128)).repository()).isEqualTo(components);
        // On Docker Hub the path includes library/: 247 characters are 255 with it, 248 are too many.
        assertThat(ImageReference.parse("b".repeat(247)).repository()).hasSize(255);
        assertThatThrownBy(() -> ImageReference.parse("b".repeat(248))).hasMessageContaining("longer than 255");
    }

    @Test
    void acceptsTheDigestAlgorithmsBuildKitCanVerify() {
        assertThat(ImageReference.parse("app@sha384:" + "c".repeat(96)).digest()).isEqualTo("sha384:" + "c".repeat(96));
        assertThat(ImageReference.parse("app@sha512:" + "d".repeat(128)).hasDigest()).isTrue();
        assertThatThrownBy(() -> ImageReference.parse("app@blake3:" + "e".repeat(64)))
                .hasMessageContaining("unsupported digest algorithm \"blake3\"");
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

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
        docker.io/library/alpine:3.20             | alpine:3.20
        index.docker.io/library/python:3.12-slim  | python:3.12-slim
        library/node                              | node:latest
        docker.io/node                            | node:latest
        bitnami/redis                             | bitnami/redis:latest
        docker.io/team/library                    | team/library:latest
        docker.io/library/team/app:1              | library/team/app:1
        library/team/app                          | library/team/app:latest
        localhost/app                             | localhost/app:latest
        localhost:5000/library/app                | localhost:5000/library/app:latest
        Mirror/library/app                        | Mirror/library/app:latest
        ghcr.io/o/a:1                             | ghcr.io/o/a:1
        10.0.0.7:443/library/base                 | 10.0.0.7:443/library/base:latest
        """)
    void familiarFormDropsOnlyTheDefaults(String input, String familiar) {
        // library/ goes only before a single component: library/team/app is not team/app.
        ImageReference ref = ImageReference.parse(input);
        assertThat(ref.familiar()).isEqualTo(familiar);
        assertThat(ImageReference.parse(ref.familiar())).isEqualTo(ref);
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
