package io.jenkins.plugins.imagefactory.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per config repo, seen from Jenkins: while another instance (here a clone standing in
 * for a {@code serve} elsewhere) holds the writer lease, the controller's cycles stand by, and its
 * status route and dashboard say who writes instead of looking like the writer or like a failure.
 */
@ExtendWith(RealJenkinsExtension.class)
class StandbyTest {

    private static final String OTHER_WRITER = "4242@elsewhere:/srv/image-factory";

    @TempDir
    Path dir;

    @Test
    void whileAnotherInstanceWritesTheControllerSaysItStandsByAndThenWritesAgain(Controller controller) {
        try (ConfigRepository elsewhere = ConfigRepository.open(ConfigRepositoryLocation.of(controller.configRepo.url(), "main",
                dir.resolve("elsewhere")), SecretResolver.none())) {
            // taken over from the controller, which holds it as the writer until now
            assertThat(elsewhere.holdLease(OTHER_WRITER, Duration.ofMinutes(10), controllersLease -> true).holder())
                    .isEqualTo(OTHER_WRITER);
            try {
                JsonNode standingBy = controller.sync();

                assertThat(standingBy.path("standby").asText()).contains("written by " + OTHER_WRITER)
                        .contains("wrote and dispatched nothing");
                assertThat(standingBy.path("lastError").isNull()).as(standingBy.toString()).isTrue();
                String dashboard = controller.admin().get("image-factory/").body();
                assertThat(dashboard).contains("id=\"image-factory-standby\"").contains(OTHER_WRITER);
            } finally {
                elsewhere.releaseLease(OTHER_WRITER);
            }
            JsonNode writing = controller.sync();

            assertThat(writing.path("standby").isNull()).as(writing.toString()).isTrue();
            assertThat(controller.admin().get("image-factory/").body()).doesNotContain("image-factory-standby");
        }
    }
}
