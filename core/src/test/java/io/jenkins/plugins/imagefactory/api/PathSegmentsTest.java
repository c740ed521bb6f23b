package io.jenkins.plugins.imagefactory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathSegmentsTest {

    private static final String REFERENCE = "127.0.0.1:5000/platform/base:1";

    @Test
    void aReferenceEncodedOnceIsOneSegment() {
        assertThat(PathSegments.decode("/api/v1/images/127.0.0.1%3A5000%2Fplatform%2Fbase%3A1/tags")).get()
                .isEqualTo(List.of("api", "v1", "images", REFERENCE, "tags"));
    }

    @Test
    void aReferenceEncodedTwiceNamesTheSameImage() {
        String segment = PathSegments.imageSegment(REFERENCE);

        assertThat(segment).doesNotContain("%2F").contains("%252F");
        String onceDecoded = PathSegments.decode("/" + segment).orElseThrow().get(0);
        assertThat(PathSegments.image(onceDecoded)).isEqualTo(REFERENCE);
        assertThat(PathSegments.image(REFERENCE)).isEqualTo(REFERENCE);
        assertThat(PathSegments.image("payments-api")).isEqualTo("payments-api");
    }

    @Test
    void aMalformedSecondEscapeIsLeftAsItIs() {
        assertThat(PathSegments.image("100%")).isEqualTo("100%");
    }
}
