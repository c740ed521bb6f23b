package io.jenkins.plugins.imagefactory.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MirrorDirectoryNameTest {

    @Test
    void isReadableAndStable() {
        assertThat(MirrorDirectoryName.of("https://github.com/acme/payments-api.git"))
                .matches("github.com-acme-payments-api-[0-9a-f]{16}")
                .isEqualTo(MirrorDirectoryName.of("https://github.com/acme/payments-api.git"));
    }

    @Test
    void differsForUrlsThatSlugAlike() {
        assertThat(MirrorDirectoryName.of("https://github.com/acme/app"))
                .isNotEqualTo(MirrorDirectoryName.of("https://github.com/acme/app.git"))
                .isNotEqualTo(MirrorDirectoryName.of("https://github.com/acme-app"));
    }

    @Test
    void neverHoldsUserInfoAndStaysShort() {
        String name = MirrorDirectoryName.of("https://bot:s3cr3t@git.example.com/" + "deep/".repeat(30) + "app.git");

        assertThat(name).doesNotContain("s3cr3t").doesNotContain("bot")
                .contains("deep-app-");
        assertThat(name.length()).isLessThanOrEqualTo(48 + 17);
    }
}
