package io.jenkins.plugins.imagefactory.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.htmlunit.BrowserVersion;
import org.htmlunit.Page;
import org.htmlunit.ScriptException;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.htmlunit.javascript.SilentJavaScriptErrorListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The global configuration as an administrator handles it, on a Jenkins of its own: the project's
 * {@code examples/jenkins/jenkins.yaml} applied by configuration as code at boot and exported back
 * unchanged; then every field changed through the real form (Jenkins' own JavaScript, in HtmlUnit),
 * saved, and read back after "Reload Configuration from Disk" and after a restart, with no secret on
 * disk; and a refused Save that changes nothing.
 */
@ExtendWith(RealJenkinsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigurationTest {

    private static final String SECTION = "io-jenkins-plugins-imagefactory-jenkins-ImageFactoryConfiguration";
    private static final String XML = "io.jenkins.plugins.imagefactory.jenkins.ImageFactoryConfiguration.xml";
    private static final String ADMIN_PASSWORD = "config-admin-pw-9";
    /** The example's ${VARIABLES}: every value must stay off the disk in the clear. */
    private static final Map<String, String> EXAMPLE_SECRETS = Map.of(
            "IMAGE_FACTORY_REPO_TOKEN", "repo-token-0c1d2e3f",
            "IMAGE_FACTORY_PUSH_WEBHOOK_SECRET", "push-hook-4a5b6c7d",
            "REGISTRY_NOTIFICATIONS_AUTHORIZATION", "Bearer notifications-8e9f0a1b",
            "GITHUB_TOKEN", "ghp_exampleToken2c3d4e5f6a7b8c9d",
            "GHCR_TOKEN", "ghcr-token-3d4e5f6a",
            "DOCKERHUB_TOKEN", "dckr_pat_4e5f6a7b8c9d0e1f");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static RealJenkins jenkins;
    /** Script errors on Jenkins' pages, but for HtmlUnit's missing fetch(), which Jenkins' drop-downs use. */
    private static final List<String> SCRIPT_ERRORS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void boot(JenkinsRuntime runtime) throws Exception {
        Path dir = Files.createDirectories(Settings.workDir().resolve("configuration-" + System.currentTimeMillis()));
        Path casc = Files.createDirectories(dir.resolve("casc"));
        Files.copy(Settings.projectRoot().resolve("examples/jenkins/jenkins.yaml"), casc.resolve("jenkins.yaml"));
        Files.writeString(casc.resolve("admin.yaml"), """
                jenkins:
                  securityRealm:
                    local:
                      allowsSignup: false
                      users: [{id: admin, password: "${E2E_ADMIN_PASSWORD}"}]
                  authorizationStrategy:
                    globalMatrix:
                      entries: [{user: {name: admin, permissions: ["Overall/Administer"]}}]
                """);
        jenkins = new RealJenkins(runtime, dir.resolve("jenkins-home"), PluginUnderTest.jpi(runtime))
                .env("CASC_JENKINS_CONFIG", casc.toString()).env("E2E_ADMIN_PASSWORD", ADMIN_PASSWORD);
        EXAMPLE_SECRETS.forEach(jenkins::env);
        jenkins.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (jenkins != null) {
            jenkins.close();
        }
        assertThat(SCRIPT_ERRORS).as("script errors on the configuration page").isEmpty();
    }

    private static JenkinsClient admin() {
        return JenkinsClient.as(jenkins, "admin", ADMIN_PASSWORD);
    }

    @Test
    @Order(1)
    void theExampleConfigurationAppliesAtBootAndExportsBackUnchanged() throws IOException {
        JenkinsClient.Answer export = admin().post("configuration-as-code/export", null, "");
        assertThat(export.status()).as(export.toString()).isEqualTo(200);

        JsonNode exported = YAML.readTree(export.body());
        JsonNode example = YAML.readTree(Settings.projectRoot().resolve("examples/jenkins/jenkins.yaml").toFile());
        assertThat(exported.at("/unclassified/imageFactory")).isEqualTo(example.at("/unclassified/imageFactory"));
        assertThat(ids(exported)).containsExactlyInAnyOrderElementsOf(ids(example));
        assertThat(export.body()).as("secrets are exported encrypted, never in the clear")
                .doesNotContain(EXAMPLE_SECRETS.values());
        assertThat(admin().get("manage/configure").body()).contains("https://github.com/acme/image-factory-config.git",
                "platform/base-images");
    }

    @Test
    @Order(2)
    void localAndSshConfigReposAreRefusedByTheFormCheck() {
        String check = "descriptorByName/io.jenkins.plugins.imagefactory.jenkins.ImageFactoryConfiguration/checkRepositoryUrl";

        String local = admin().postForm(check, Map.of("value", "file:///var/lib/jenkins/secrets")).body();
        String ssh = admin().postForm(check, Map.of("value", "git@github.com:acme/config.git")).body();
        String https = admin().postForm(check, Map.of("value", "https://github.com/acme/config.git")).body();

        assertThat(local).contains("on the controller", "ALLOW_LOCAL_REPOSITORIES");
        assertThat(ssh).contains("ssh URL", "controller");
        assertThat(https).doesNotContain("error");
    }

    @Test
    @Order(2)
    void aTrustedJobNameNobodyHoldsIsAnErrorOnTheForm() {
        String check = "descriptorByName/io.jenkins.plugins.imagefactory.jenkins.ImageFactoryConfiguration/checkTrustedJobs";

        String missing = admin().postForm(check, Map.of("value", "platform/not-created-yet")).body();

        // trust goes by full name: the first to create that job would get it
        assertThat(missing).contains("class=\"error\"", "No job named platform/not-created-yet",
                "whoever creates a job with this name would be trusted");
    }

    @Test
    @Order(3)
    void aRefusedSaveChangesNothingInMemoryOrOnDisk() throws Exception {
        byte[] before = Files.readAllBytes(jenkins.home().resolve(XML));
        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(jenkins.url("manage/configure").toString());
            DomElement section = section(page);
            input(section, "_.syncIntervalMinutes").setValue("0");
            input(section, "_.repositoryUrl").setValue("https://git.example.com/other.git");

            Page result = save(page);

            assertThat(result.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(result.getWebResponse().getContentAsString()).contains("the sync interval is at least 1 minute");
        }
        assertThat(Files.readAllBytes(jenkins.home().resolve(XML))).isEqualTo(before);
        assertThat(admin().get("manage/configure").body()).contains("https://github.com/acme/image-factory-config.git")
                .doesNotContain("https://git.example.com/other.git");
    }

    @Test
    @Order(4)
    void everyFieldSavedThroughTheFormSurvivesAReloadAndARestart() throws Exception {
        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(jenkins.url("manage/configure").toString());
            DomElement section = section(page);
            input(section, "_.repositoryUrl").setValue("https://git.example.com/platform/image-factory-config.git");
            input(section, "_.branch").setValue("production");
            choose(select(section, "_.credentialsId", 0), "github-bot");
            input(section, "_.syncIntervalMinutes").setValue("45");
            choose(select(section, "_.gitWebhookCredentialsId", 0), "registry-notifications");
            input(section, "_.gitHubApiUrl").setValue("https://github.example.com/api/v3");
            choose(select(section, "_.gitHubCredentialsId", 0), "ghcr-bot");
            // one more registry webhook, and a second look at the existing one
            input(section, "_.registryHost").setValue("registry.example.com:5443");
            click(section, "Add registry webhook");
            choose(select(section, "_.kind", 1), "harbor");
            input(section, "_.registryHost", 1).setValue("harbor.example.com");
            choose(select(section, "_.credentialsId", 2), "image-factory-push-webhook");
            // a new mapping after the three of the example
            click(section, "Add config repo credentials");
            input(section, "_.reference", 3).setValue("HARBOR_ROBOT");
            choose(select(section, "_.credentialsId", 6), "dockerhub-bot");
            ((HtmlTextArea) section.getFirstByXPath(".//textarea[@name='_.trustedJobs']"))
                    .setText("platform/base-images\nsecurity/cve-rebuilds");
            ((HtmlCheckBoxInput) section.getFirstByXPath(".//input[@name='_.trustSystemBuilds']")).setChecked(true);

            Page result = save(page);
            assertThat(result.getWebResponse().getStatusCode()).as(result.getWebResponse().getContentAsString())
                    .isLessThan(400);
        }

        assertSaved("after Save");
        JenkinsClient.Answer reload = admin().post("reload", null, "");
        assertThat(reload.status()).as(reload.toString()).isLessThan(400);
        awaitUp();
        assertSaved("after Reload Configuration from Disk");
        // Configuration as code would apply its YAML again at boot (its YAML wins by design); an
        // administrator who manages the page by hand runs without it.
        jenkins.unsetEnv("CASC_JENKINS_CONFIG").restart();
        assertSaved("after a restart");
        assertThat(jenkins.severeRecordsMentioningUs()).isEmpty();
    }

    private static void assertSaved(String when) throws IOException {
        String xml = Files.readString(jenkins.home().resolve(XML));
        assertThat(xml).as(when).contains(
                "<repositoryUrl>https://git.example.com/platform/image-factory-config.git</repositoryUrl>",
                "<branch>production</branch>", "<credentialsId>github-bot</credentialsId>",
                "<syncIntervalMinutes>45</syncIntervalMinutes>",
                "<gitWebhookCredentialsId>registry-notifications</gitWebhookCredentialsId>",
                "<gitHubApiUrl>https://github.example.com/api/v3</gitHubApiUrl>",
                "<gitHubCredentialsId>ghcr-bot</gitHubCredentialsId>",
                "<registryHost>registry.example.com:5443</registryHost>", "<kind>harbor</kind>",
                "<registryHost>harbor.example.com</registryHost>", "<reference>HARBOR_ROBOT</reference>",
                "<reference>GHCR_TOKEN</reference>", "<trustSystemBuilds>true</trustSystemBuilds>",
                "platform/base-images", "security/cve-rebuilds");
        String page = admin().get("manage/configure").body();
        assertThat(page).as(when).contains("https://git.example.com/platform/image-factory-config.git", "HARBOR_ROBOT",
                "harbor.example.com", "security/cve-rebuilds");
        assertThat(secretsOnDisk()).as(when + ": secret values in JENKINS_HOME").isEmpty();
    }

    /** Every file under JENKINS_HOME holding one of the example's secret values in the clear. */
    private static List<String> secretsOnDisk() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(jenkins.home())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.size(file) > 20_000_000) {
                    continue;
                }
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                EXAMPLE_SECRETS.values().stream().filter(text::contains).forEach(s -> found.add(file + " holds a secret"));
            }
        }
        return found;
    }

    private static void awaitUp() {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (admin().get("api/json").status() == 200) {
                return;
            }
            Controller.sleep(500);
        }
        throw new AssertionError("Jenkins did not come back from the reload\n" + jenkins.logTail(60));
    }

    private static List<String> ids(JsonNode casc) {
        List<String> ids = new ArrayList<>();
        for (JsonNode domain : casc.at("/credentials/system/domainCredentials")) {
            for (JsonNode credential : domain.get("credentials")) {
                credential.elements().forEachRemaining(body -> ids.add(body.get("id").asText()));
            }
        }
        return ids;
    }

    private static WebClient browser() {
        WebClient browser = new WebClient(BrowserVersion.CHROME);
        browser.getOptions().setThrowExceptionOnScriptError(false);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setPrintContentOnFailingStatusCode(false);
        browser.setJavaScriptErrorListener(new SilentJavaScriptErrorListener() {
            @Override
            public void scriptException(HtmlPage page, ScriptException error) {
                if (!String.valueOf(error.getMessage()).contains("\"fetch\" is not defined")) {
                    SCRIPT_ERRORS.add(page.getUrl() + ": " + error.getMessage());
                }
            }
        });
        browser.addRequestHeader("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        return browser;
    }

    private static DomElement section(HtmlPage page) {
        page.getEnclosingWindow().getWebClient().waitForBackgroundJavaScript(10_000);
        // Jenkins marks a descriptor's fields with an empty row-set-start div; the fields follow it in a section.
        DomElement section = page.getFirstByXPath("//*[@name='" + SECTION + "']/following-sibling::section[1]");
        assertThat(section).as("the Image Factory section of the form").isNotNull();
        return section;
    }

    private static HtmlInput input(DomElement section, String name) {
        return input(section, name, 0);
    }

    private static HtmlInput input(DomElement section, String name, int index) {
        List<HtmlInput> inputs = section.getByXPath(".//input[@name='" + name + "']");
        assertThat(inputs).as(name).hasSizeGreaterThan(index);
        return inputs.get(index);
    }

    private static HtmlSelect select(DomElement section, String name, int index) {
        section.getPage().getEnclosingWindow().getWebClient().waitForBackgroundJavaScript(10_000);
        List<HtmlSelect> selects = section.getByXPath(".//select[@name='" + name + "']");
        assertThat(selects).as(name).hasSizeGreaterThan(index);
        return selects.get(index);
    }

    /**
     * Picks an option. Jenkins fills these drop-downs with fetch(), which HtmlUnit's JavaScript lacks;
     * the list a browser would load is the fill route's answer, so the option is taken from there.
     */
    private static void choose(HtmlSelect select, String value) throws IOException {
        WebClient browser = select.getPage().getEnclosingWindow().getWebClient();
        browser.waitForBackgroundJavaScript(2_000);
        if (select.getOptions().stream().noneMatch(option -> option.getValueAttribute().equals(value))) {
            String fill = select.getAttribute("fillUrl");
            assertThat(fill).as(select.getNameAttribute() + " has a fill route").isNotBlank();
            JsonNode items = admin().postForm(fill.replaceFirst("^/jenkins/", ""), Map.of()).json().get("values");
            boolean offered = false;
            for (JsonNode item : items) {
                offered |= item.get("value").asText().equals(value);
            }
            assertThat(offered).as(value + " among " + items).isTrue();
            HtmlOption option = (HtmlOption) select.getPage().createElement("option");
            option.setValueAttribute(value);
            option.setTextContent(value);
            select.appendChild(option);
        }
        select.setSelectedAttribute(value, true);
    }

    private static void click(DomElement section, String caption) throws IOException {
        HtmlElement button = section.getFirstByXPath(".//button[normalize-space(.)='" + caption + "']");
        assertThat(button).as("button " + caption).isNotNull();
        button.click();
        section.getPage().getEnclosingWindow().getWebClient().waitForBackgroundJavaScript(10_000);
    }

    private static Page save(HtmlPage page) throws IOException {
        HtmlForm form = page.getFormByName("config");
        HtmlElement submit = form.getFirstByXPath(".//button[@name='Submit']");
        Page result = submit.click();
        page.getEnclosingWindow().getWebClient().waitForBackgroundJavaScript(10_000);
        return result;
    }
}
