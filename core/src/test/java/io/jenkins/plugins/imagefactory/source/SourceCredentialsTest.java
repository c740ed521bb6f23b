package io.jenkins.plugins.imagefactory.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceCredentialsTest {

    @Test
    void theLongestMatchingPrefixWins() {
        SourceCredentials credentials = SourceCredentials.byUrlPrefix(Map.of(
                "https://github.com/acme/", "ACME_ORG",
                "https://github.com/acme/secret-sauce", "SAUCE_DEPLOY_KEY"));

        assertThat(credentials.referenceFor("https://github.com/acme/app.git")).contains("ACME_ORG");
        assertThat(credentials.referenceFor("https://github.com/acme/secret-sauce.git")).contains("SAUCE_DEPLOY_KEY");
        assertThat(credentials.referenceFor("https://github.com/other/app.git")).isEmpty();
        assertThat(SourceCredentials.none().referenceFor("https://github.com/acme/app.git")).isEmpty();
    }
}
