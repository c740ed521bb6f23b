package io.jenkins.plugins.imagefactory.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteUrlTest {

    @Test
    void anHttpsPasswordIsTakenOutOfTheUrlAndKeptForCredentialsOnly() {
        RemoteUrl url = RemoteUrl.parse("https://bot:s3cret@github.com/acme/config.git");

        assertThat(url.connectUrl()).isEqualTo("https://github.com/acme/config.git");
        assertThat(url.displayUrl()).isEqualTo("https://github.com/acme/config.git");
        assertThat(url.embeddedUser()).contains("bot");
        assertThat(url.embeddedPassword()).contains("s3cret");
        assertThat(url.toString()).doesNotContain("s3cret", "bot");
    }

    @Test
    void sshKeepsItsUserForConnectingButNotForShowing() {
        RemoteUrl scp = RemoteUrl.parse("git@github.com:acme/config.git");
        RemoteUrl ssh = RemoteUrl.parse("ssh://git@gitlab.example.com:2222/acme/config.git");

        assertThat(scp.connectUrl()).isEqualTo("git@github.com:acme/config.git");
        assertThat(scp.displayUrl()).isEqualTo("github.com:acme/config.git");
        assertThat(ssh.connectUrl()).isEqualTo("ssh://git@gitlab.example.com:2222/acme/config.git");
        assertThat(ssh.localPath()).isEmpty();
    }

    @Test
    void pathsAndFileUrlsNameALocalDirectory() {
        Path here = Path.of("config").toAbsolutePath().normalize();

        assertThat(RemoteUrl.parse("config").localPath()).contains(here);
        assertThat(RemoteUrl.parse(here.toUri().toString()).localPath()).contains(here);
        assertThat(RemoteUrl.parse("/srv/git/config.git").localPath()).contains(Path.of("/srv/git/config.git"));
    }

    @Test
    void anUnsupportedSchemeIsNamedWithoutTheSecret() {
        assertThatThrownBy(() -> RemoteUrl.parse("ftp://u:hunter22@host/repo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported scheme 'ftp'")
                .hasMessageContaining("ftp://host/repo")
                .hasMessageNotContaining("hunter22");
    }

    @Test
    void theRedactorMasksSecretsAndUserInfoEverywhereInAMessage() {
        Redactor redactor = new Redactor(List.of("ghp_abc123", "pw"));
        String message = "https://x-access-token:ghp_abc123@github.com/acme/c.git: not authorized (token ghp_abc123)";

        assertThat(redactor.redact(message))
                .isEqualTo("https://github.com/acme/c.git: not authorized (token ****)");
        Throwable cause = redactor.redact(new RuntimeException("outer ghp_abc123", new IllegalStateException("inner ghp_abc123")));
        assertThat(cause.getMessage()).isEqualTo("java.lang.RuntimeException: outer ****");
        assertThat(cause.getCause().getMessage()).isEqualTo("java.lang.IllegalStateException: inner ****");
    }
}
