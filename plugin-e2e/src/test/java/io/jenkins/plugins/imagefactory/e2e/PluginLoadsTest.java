package io.jenkins.plugins.imagefactory.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The plugin as an administrator first meets it: loaded, configured from YAML, its pages there. */
@ExtendWith(RealJenkinsExtension.class)
class PluginLoadsTest {

    @Test
    void everyPluginIsActiveWithItsDependencies(Controller controller) {
        JsonNode plugins = controller.admin().json("pluginManager/api/json?depth=1&tree=plugins[shortName,active,enabled,version]")
                .get("plugins");
        List<String> inactive = new ArrayList<>();
        boolean ours = false;
        for (JsonNode plugin : plugins) {
            if (!plugin.get("active").asBoolean()) {
                inactive.add(plugin.get("shortName").asText());
            }
            ours |= plugin.get("shortName").asText().equals(PluginUnderTest.SHORT_NAME)
                    && plugin.get("version").asText().equals(Settings.pluginVersion());
        }
        assertThat(inactive).as("inactive plugins").isEmpty();
        assertThat(ours).as("image-factory %s among %s", Settings.pluginVersion(), plugins).isTrue();
        assertThat(controller.jenkins.severeRecordsMentioningUs()).isEmpty();
    }

    @Test
    void theConfigurationPageShowsTheSettingsFromConfigurationAsCode(Controller controller) {
        String page = controller.admin().get("manage/configure").body();

        assertThat(page).contains("Config repository URL", controller.git.url("config"), "Config repo credentials",
                "Jobs that may act for any image");
    }

    @Test
    void theEngineSyncsTheConfigRepoOverHttpWithTheChosenCredentials(Controller controller) {
        JsonNode status = controller.sync();

        assertThat(status.get("ready").asBoolean()).as("status %s", status).isTrue();
        assertThat(status.get("lastError").isNull()).as("status %s", status).isTrue();
        assertThat(controller.git.seen()).as("the git server saw the engine authenticate")
                .anySatisfy(seen -> assertThat(seen.user()).isEqualTo(Controller.GIT_USER));
    }
}
