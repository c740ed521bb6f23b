package io.jenkins.plugins.imagefactory.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.source.RepositoryUrl.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryUrlTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        https://github.com/acme/app.git          | HTTP
        HTTP://git.internal:8080/app             | HTTP
        file:///srv/git/app.git                  | LOCAL
        /srv/git/app.git                         | LOCAL
        ../repos/app                             | LOCAL
        repos/app                                | LOCAL
        C:/repos/app                             | LOCAL
        git://git.kernel.org/pub/scm/git/git.git | GIT
        ssh://git@github.com/acme/app.git        | SSH
        git+ssh://git@github.com/acme/app.git    | SSH
        git@github.com:acme/app.git              | SSH
        github.com:acme/app.git                  | SSH
        ftp://example.com/app.git                | UNKNOWN
        """)
    void tellsTheTransportOfAUrl(String url, Transport expected) {
        assertThat(RepositoryUrl.transportOf(url)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        https://bot:s3cr3t@github.com/acme/app.git                         | https://github.com/acme/app.git
        cannot open https://x-access-token:ghs_abc@github.com/a.git: 401  | cannot open https://github.com/a.git: 401
        https://bot@github.com/acme/app.git                                | https://github.com/acme/app.git
        https://github.com/acme/app.git                                    | https://github.com/acme/app.git
        git@github.com:acme/app.git                                        | git@github.com:acme/app.git
        """)
    void redactsUserInfoWherePasswordsCouldHide(String text, String expected) {
        assertThat(RepositoryUrl.redact(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        https://bot:s3cr3t@github.com/acme/app.git | true
        https://bot@github.com/acme/app.git        | false
        https://github.com/acme/app.git            | false
        https://github.com/acme/a:b@c.git          | false
        /srv/git/app.git                           | false
        """)
    void detectsAPasswordInTheUrl(String url, boolean expected) {
        assertThat(RepositoryUrl.embedsPassword(url)).isEqualTo(expected);
    }
}
