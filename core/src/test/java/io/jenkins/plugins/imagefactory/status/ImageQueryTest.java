package io.jenkins.plugins.imagefactory.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The image list's query as every host reads it ({@code ?page=&per_page=&q=&role=&status=}), the
 * links to the pages around one, and the words above the table: one definition for the API, serve's
 * dashboard and Jenkins' dashboard.
 */
class ImageQueryTest {

    private final StatusView view = StatusView.read(Path.of("..", "examples", "config-repo"),
            Instant.parse("2026-11-24T00:00:00Z")).orElseThrow();

    @Test
    void aQueryWithoutParametersIsTheFirstPageOfEverythingAtTheHostsSize() {
        ImageQuery query = ImageQuery.parse(parameters(Map.of()), 100);

        assertThat(query).isEqualTo(new ImageQuery(null, null, null, 1, 100));
        assertThat(query.apply(view.rows()).images()).isEqualTo(view.rows());
    }

    @Test
    void aLinkToAnotherPageKeepsTheFilterAndSurvivesHostileText() {
        ImageQuery query = ImageQuery.parse(parameters(Map.of("q", "a&page=9 <b>\"%", "role", "managed",
                "status", "up-to-date", "per_page", "7", "page", "3")), 100);

        String link = query.queryString(4);

        assertThat(link).doesNotContain("<", ">", "\"", " ").startsWith("page=4&per_page=7&");
        assertThat(ImageQuery.parse(parameters(decode(link)), 100)).isEqualTo(new ImageQuery(query.text(), "managed",
                "up-to-date", 4, 7));
    }

    @Test
    void aBadParameterIsNamedWithWhatItMustBe() {
        assertThatThrownBy(() -> ImageQuery.parse(parameters(Map.of("page", "zero")), 100))
                .hasMessage("page must be a whole number from 1, got \"zero\"");
        assertThatThrownBy(() -> ImageQuery.parse(parameters(Map.of("per_page", "101")), 100))
                .hasMessageStartingWith("per_page must be a whole number from 1 to 100");
        assertThatThrownBy(() -> ImageQuery.parse(parameters(Map.of("role", "root")), 100))
                .hasMessageStartingWith("role must be one of [base, managed, managed+base]");
        assertThatThrownBy(() -> ImageQuery.parse(parameters(Map.of("status", "green")), 100))
                .hasMessageStartingWith("status must be one of");
    }

    @Test
    void thePageSaysWhichRowsOfHowManyAndWhenItIsPastTheLast() {
        int all = view.rows().size();

        assertThat(StatusText.page(new ImageQuery(null, null, null, 2, 2).apply(view.rows())))
                .isEqualTo("images 3–4 of " + all);
        assertThat(StatusText.page(new ImageQuery(null, null, null, 99, 2).apply(view.rows())))
                .isEqualTo("page 99 is past the last of the " + all + " matching images");
        assertThat(StatusText.page(new ImageQuery("no-such-image", null, null, 1, 2).apply(view.rows())))
                .isEqualTo("no image matches");
    }

    @Test
    void previousFromPastTheEndGoesToTheLastPageWithRowsNotToAnotherEmptyOne() {
        int all = view.rows().size();
        int lastWithRows = (all + 1) / 2;

        assertThat(new ImageQuery(null, null, null, 99, 2).apply(view.rows()).previousPage()).isEqualTo(lastWithRows);
        assertThat(new ImageQuery(null, null, null, 2, 2).apply(view.rows()).previousPage()).isEqualTo(1);
        assertThat(new ImageQuery("no-such-image", null, null, 5, 2).apply(view.rows()).previousPage()).isEqualTo(1);
    }

    @Test
    void theCountsAreAboutTheWholeEstateWhicheverPageIsShown() {
        EstateCounts counts = view.counts();

        assertThat(counts.images()).isEqualTo(view.rows().size());
        assertThat(counts.enrolled()).isEqualTo((int) view.rows().stream().filter(r -> r.enrollment() != null).count());
        assertThat(counts.ok() + counts.pending() + counts.running() + counts.failing())
                .isEqualTo((int) view.rows().stream().filter(r -> !r.standing().equals(StatusView.ImageRow.BASE)).count());
        assertThat(StatusText.counts(counts)).startsWith(view.rows().size() + " images (" + counts.enrolled() + " enrolled, ");
        assertThat(view.counts()).isSameAs(counts);
    }

    private static java.util.function.Function<String, Optional<String>> parameters(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    private static Map<String, String> decode(String queryString) {
        Map<String, String> values = new HashMap<>();
        for (String pair : queryString.split("&")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
