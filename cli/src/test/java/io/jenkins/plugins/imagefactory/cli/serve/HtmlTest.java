package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.api.PathSegments;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the dashboard does with text it did not write. */
class HtmlTest {

    @Test
    void escapesMarkupAndBothQuotes() {
        assertThat(Html.escape("<img src=x onerror=\"a('b')\">&"))
                .isEqualTo("&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void imagePathsKeepAReferenceInOneSegmentThatTheRouterDecodesBack() {
        String path = Html.imagePath("localhost:5000/a+b/c:1");
        assertThat(path).isEqualTo("/images/localhost%3A5000%2Fa%2Bb%2Fc%3A1");
        assertThat(PathSegments.decode(path)).hasValueSatisfying(s -> assertThat(s).containsExactly("images", "localhost:5000/a+b/c:1"));
        assertThat(PathSegments.decode("/images/a%ZZ")).isEmpty();
    }
}
