package io.jenkins.plugins.imagefactory.jenkins;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class ImageFactoryConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("casc.yaml")
    void everyFieldIsReadFromYamlAndExportedBackUnchanged(JenkinsConfiguredWithCodeRule j) throws Exception {
        ImageFactoryConfiguration configuration = ImageFactoryConfiguration.get();
        assertThat(configuration.getRepositoryUrl()).isEqualTo("https://github.com/acme/image-factory-config.git");
        assertThat(configuration.getBranch()).isEqualTo("production");
        assertThat(configuration.getCredentialsId()).isEqualTo("config-repo");
        assertThat(configuration.getSyncIntervalMinutes()).isEqualTo(30);
        assertThat(configuration.getGitWebhookCredentialsId()).isEqualTo("config-repo-webhook");
        assertThat(configuration.getGitHubApiUrl()).isEqualTo("https://github.example.com/api/v3");
        assertThat(configuration.getGitHubCredentialsId()).isEqualTo("github-token");
        assertThat(configuration.getRegistryWebhooks()).singleElement().satisfies(webhook -> {
            assertThat(webhook.getKind()).isEqualTo("distribution");
            assertThat(webhook.getRegistryHost()).isEqualTo("registry.example.com:5000");
            assertThat(webhook.getCredentialsId()).isEqualTo("registry-notifications");
        });
        assertThat(configuration.getCredentialMappings()).singleElement().satisfies(mapping -> {
            assertThat(mapping.getReference()).isEqualTo("GHCR_TOKEN");
            assertThat(mapping.getCredentialsId()).isEqualTo("ghcr-token");
        });
        assertThat(configuration.getTrustedJobs()).isEqualTo("platform/base-images");
        assertThat(configuration.isTrustSystemBuilds()).isFalse();

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = getUnclassifiedRoot(context).get("imageFactory");
        String yaml = toYamlString(exported);
        assertThat(yaml).contains("repositoryUrl: \"https://github.com/acme/image-factory-config.git\"",
                "branch: \"production\"", "syncIntervalMinutes: 30", "registryHost: \"registry.example.com:5000\"",
                "reference: \"GHCR_TOKEN\"", "gitHubCredentialsId: \"github-token\"");
    }
}
