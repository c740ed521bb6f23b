package io.jenkins.plugins.imagefactory.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ImageFactoryRootActionTest {

    private JenkinsRule j;
    private ConfigRepoFixture repo;

    @BeforeEach
    void setUp(JenkinsRule rule, @TempDir Path dir) throws Exception {
        j = rule;
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("reader")
                .grant(Jenkins.READ, ImageFactoryPermissions.REBUILD).everywhere().to("builder"));
        repo = ConfigRepoFixture.create(dir, true);
        ImageFactoryConfiguration.get().setRepositoryUrl(repo.url());
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (ImageFactoryService.get().status().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }

    @Test
    void aReaderSeesEveryImageAndItsPage() throws Exception {
        JenkinsRule.WebClient reader = j.createWebClient().login("reader");

        HtmlPage dashboard = reader.goTo("image-factory/");
        assertThat(dashboard.getElementById("image-factory-images").asNormalizedText())
                .contains("app", "registry.example.com/team/app:1.0");

        HtmlPage image = reader.goTo("image-factory/image/app/");
        assertThat(image.asNormalizedText()).contains("registry.example.com/team/app:1.0").doesNotContain("Request a rebuild");

        Page json = reader.goTo("image-factory/api/v1/images", "application/json");
        assertThat(json.getWebResponse().getContentAsString()).contains("\"ref\":\"registry.example.com/team/app:1.0\"");
    }

    @Test
    void anImageIsFoundByItsUrlEncodedReferenceAsBackstageAsksForIt() throws Exception {
        JenkinsRule.WebClient reader = j.createWebClient().withBasicApiToken("reader");

        Page json = reader.goTo("image-factory/api/v1/images/registry.example.com%2Fteam%2Fapp%3A1.0", "application/json");

        assertThat(json.getWebResponse().getContentAsString())
                .contains("\"enrollment\":\"app\"", "\"ref\":\"registry.example.com/team/app:1.0\"");
    }

    @Test
    void anUnknownImageIsAJson404() throws Exception {
        JenkinsRule.WebClient reader = j.createWebClient().withBasicApiToken("reader");
        reader.setThrowExceptionOnFailingStatusCode(false);

        Page answer = reader.goTo("image-factory/api/v1/images/nope", "application/json");

        assertThat(answer.getWebResponse().getStatusCode()).isEqualTo(404);
        assertThat(answer.getWebResponse().getContentAsString()).contains("no tracked image");
    }

    @Test
    void aReaderCannotRequestARebuild() throws Exception {
        JenkinsRule.WebClient reader = j.createWebClient().withBasicApiToken("reader");
        reader.setThrowExceptionOnFailingStatusCode(false);

        Page answer = reader.getPage(rebuild("{\"urgent\":true,\"reason\":\"CVE-2026-1234\"}"));

        assertThat(answer.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(answer.getWebResponse().getContentType()).isEqualTo("application/json");
        assertThat(answer.getWebResponse().getContentAsString())
                .contains("reader is missing the Image Factory/Rebuild permission");
        assertThat(repo.commitMessages()).noneSatisfy(message -> assertThat(message).contains("rebuild of app requested"));
    }

    @Test
    void aUserWithRebuildRequestsAnUrgentRebuildThatIsCommitted() throws Exception {
        JenkinsRule.WebClient builder = j.createWebClient().withBasicApiToken("builder");
        builder.setThrowExceptionOnFailingStatusCode(false);

        Page answer = builder.getPage(rebuild("{\"urgent\":true,\"reason\":\"CVE-2026-1234\"}"));

        assertThat(answer.getWebResponse().getStatusCode()).isEqualTo(202);
        assertThat(repo.commitMessages()).anySatisfy(message ->
                assertThat(message).contains("urgent rebuild of app requested by jenkins:builder"));
    }

    @Test
    void anUrgentRebuildWithoutAReasonIsABadRequest() throws Exception {
        JenkinsRule.WebClient builder = j.createWebClient().withBasicApiToken("builder");
        builder.setThrowExceptionOnFailingStatusCode(false);

        Page answer = builder.getPage(rebuild("{\"urgent\":true}"));

        assertThat(answer.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(answer.getWebResponse().getContentAsString()).contains("reason");
    }

    private WebRequest rebuild(String body) throws Exception {
        WebRequest request = new WebRequest(new URL(j.getURL(), "image-factory/api/v1/images/app/rebuild"), HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/json");
        request.setRequestBody(body);
        return request;
    }
}
