package io.jenkins.plugins.imagefactory.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommitMessageTest {

    @Test
    void theSubjectCountsWhatHappenedAndSkipsZeros() {
        CommitMessage message = CommitMessage.builder()
                .count(2, "base update", "base updates")
                .count(0, "rebuild triggered", "rebuilds triggered")
                .count(1, "rebuild queued", "rebuilds queued")
                .item("docker.io/library/alpine:3.20 updated")
                .build("state refreshed");

        assertThat(message.subject()).isEqualTo("image-factory: 2 base updates, 1 rebuild queued");
        assertThat(message.render()).isEqualTo("""
                image-factory: 2 base updates, 1 rebuild queued

                - docker.io/library/alpine:3.20 updated
                """);
    }

    @Test
    void withNothingCountedTheFallbackIsTheSubjectAndThereIsNoBody() {
        CommitMessage message = CommitMessage.builder().count(0, "x", "xs").build("catalog refreshed");

        assertThat(message.render()).isEqualTo("image-factory: catalog refreshed\n");
    }

    @Test
    void multiLineSubjectsOrItemsAreRefused() {
        assertThatThrownBy(() -> CommitMessage.of("one\ntwo", List.of())).hasMessageContaining("one non-blank line");
        assertThatThrownBy(() -> CommitMessage.of("ok", List.of("a\nb"))).hasMessageContaining("body item");
        assertThatThrownBy(() -> new CommitIdentity("Bot <x>", "a@b"))
                .hasMessageContaining("'Bot <x>'");
    }
}
