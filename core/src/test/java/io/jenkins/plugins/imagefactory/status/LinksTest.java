package io.jenkins.plugins.imagefactory.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinksTest {

    @Test
    void webAndSameServerLinksStay() {
        assertThat(Links.safeHref(" https://github.com/acme/app/actions/runs/1 ")).isEqualTo("https://github.com/acme/app/actions/runs/1");
        assertThat(Links.safeHref("HTTP://jenkins.example.com/job/app/3/")).isEqualTo("HTTP://jenkins.example.com/job/app/3/");
        assertThat(Links.safeHref("/job/app/3/")).isEqualTo("/job/app/3/");
    }

    @Test
    void scriptsDataAndOtherServersWithoutASchemeAreNoLinks() {
        assertThat(Links.safeHref(" JavaScript:alert(1)")).isNull();
        assertThat(Links.safeHref("data:text/html,<script>alert(1)</script>")).isNull();
        assertThat(Links.safeHref("//evil.example.com/x")).isNull();
        assertThat(Links.safeHref("/\\evil.example.com/x")).isNull();
        assertThat(Links.safeHref("job/app/3")).isNull();
        assertThat(Links.safeHref("/")).isNull();
        assertThat(Links.safeHref(null)).isNull();
    }
}
