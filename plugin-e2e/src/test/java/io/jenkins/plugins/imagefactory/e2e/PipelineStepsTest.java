package io.jenkins.plugins.imagefactory.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The four Pipeline steps in real scripted Pipelines (sandboxed, created through {@code createItem}),
 * each as it succeeds and as it is refused, and a step caught by a Jenkins restart. Builds here run
 * as SYSTEM, as on any controller without an authorization plugin: exactly the case where a
 * Jenkinsfile author must not gain the power to act for other teams' images.
 */
@ExtendWith(RealJenkinsExtension.class)
class PipelineStepsTest {

    private static final String IMAGE = "steps-app";
    private static final String BUILD_JOB = "steps-app-build";
    private static final String CONFIG = "io.jenkins.plugins.imagefactory.jenkins.ImageFactoryConfiguration.get()";

    @BeforeAll
    static void enroll(Controller controller) {
        // The image's own build job reports its result; it declares the context so urgent rebuilds can start it.
        controller.createJob(BUILD_JOB, Jobs.pipeline("imageFactoryRecordBuild(name: '" + IMAGE + "', result: 'SUCCESS')",
                true));
        controller.enroll(IMAGE, "steps", "{jenkins: {job: " + BUILD_JOB + "}}", null);
    }

    @AfterEach
    void untrust(Controller controller) {
        controller.admin().groovy("def c = " + CONFIG + "; c.setTrustedJobs(''); c.setTrustSystemBuilds(false); c.save()");
    }

    private static JsonNode run(Controller controller, String job, String script) {
        controller.createJob(job, Jobs.pipeline(script));
        return controller.build(job, Duration.ofMinutes(2));
    }

    private static String console(Controller controller, JsonNode build) {
        return controller.admin().get(build.get("url").asText().replaceFirst("^.*?/jenkins/", "") + "consoleText").body();
    }

    @Test
    void syncAsksForACycleAndReturnsAtOnce(Controller controller) {
        long before = controller.engineStatus().get("cycles").asLong();

        JsonNode build = run(controller, "steps-sync", "imageFactorySync()");

        assertThat(build.get("result").asText()).isEqualTo("SUCCESS");
        assertThat(console(controller, build)).contains("Image Factory: sync requested");
        controller.awaitStatus(status -> status.get("cycles").asLong() > before, Duration.ofMinutes(1));
    }

    @Test
    void statusReturnsAnImageAsAMapAndRefusesAnUnknownName(Controller controller) {
        String registry = controller.registry.host();

        JsonNode found = run(controller, "steps-status", """
                def s = imageFactoryStatus(name: 'steps-app')
                echo "ref=${s.summary.ref} role=${s.summary.role} bases=${s.summary.dependencies}"
                def all = imageFactoryStatus()
                echo "tracked=${all.images.collect { it.ref }.contains(s.summary.ref)}"
                """);
        JsonNode unknown = run(controller, "steps-status-unknown", "imageFactoryStatus(name: 'nope')");

        assertThat(found.get("result").asText()).isEqualTo("SUCCESS");
        assertThat(console(controller, found)).contains("ref=" + registry + "/steps/app:1 role=managed",
                "bases=[" + registry + "/steps/base:1]", "tracked=true");
        assertThat(unknown.get("result").asText()).isEqualTo("FAILURE");
        assertThat(console(controller, unknown)).contains("no tracked image \"nope\"");
    }

    @Test
    void notifyAsksForADigestCheckAndAnUrgentNotifyNeedsATrustedJobAndAReason(Controller controller) {
        String base = controller.registry.host() + "/steps/base:1";
        String urgent = "def names = imageFactoryNotify(image: '" + base + "', urgent: true, reason: 'CVE-2026-0001')\n"
                + "echo \"urgent rebuilds: ${names}\"";

        JsonNode plain = run(controller, "steps-notify", "imageFactoryNotify(image: '" + base + "', digest: 'sha256:"
                + "c".repeat(64) + "')");
        JsonNode untrusted = run(controller, "steps-notify-untrusted", urgent);
        JsonNode noReason = run(controller, "steps-notify-trusted", "imageFactoryNotify(image: '" + base + "', urgent: true)");
        controller.admin().groovy("def c = " + CONFIG + "; c.setTrustedJobs('steps-notify-trusted'); c.save()");
        JsonNode trusted = run(controller, "steps-notify-trusted", urgent);

        assertThat(plain.get("result").asText()).isEqualTo("SUCCESS");
        assertThat(console(controller, plain)).contains("digest check of " + base + " requested (pushed sha256:");
        assertThat(untrusted.get("result").asText()).isEqualTo("FAILURE");
        assertThat(console(controller, untrusted)).contains("this build runs as SYSTEM, which Image Factory does not trust");
        assertThat(noReason.get("result").asText()).isEqualTo("FAILURE");
        assertThat(console(controller, noReason)).contains("urgent: true needs a reason");
        assertThat(trusted.get("result").asText()).isEqualTo("SUCCESS");
        assertThat(console(controller, trusted)).contains("urgent rebuilds: [steps-app]");
        assertThat(controller.configRepoLog()).filteredOn(m -> m.contains("urgent rebuild of steps-app requested"))
                .hasSize(1).allSatisfy(message -> assertThat(message).contains("steps-notify-trusted"));
    }

    @Test
    void onlyTheImagesOwnJobOrATrustedOneMayRecordItsResult(Controller controller) {
        int before = commitsAbout(controller, "build of steps-app");
        int failedBefore = commitsAbout(controller, "build of steps-app failed");

        JsonNode stranger = run(controller, "steps-stranger", "imageFactoryRecordBuild(name: 'steps-app', result: 'FAILURE')");
        JsonNode badResult = run(controller, "steps-bad-result", "imageFactoryRecordBuild(name: 'steps-app', result: 'GREAT')");
        JsonNode own = controller.build(BUILD_JOB, Duration.ofMinutes(2));

        assertThat(stranger.get("result").asText()).isEqualTo("FAILURE");
        assertThat(console(controller, stranger)).contains("steps-stranger is not the build job of steps-app",
                "this build runs as SYSTEM, which Image Factory does not trust");
        assertThat(badResult.get("result").asText()).isEqualTo("FAILURE");
        assertThat(console(controller, badResult)).contains("result \"GREAT\" is not one of SUCCESS, UNSTABLE, FAILURE");
        assertThat(own.get("result").asText()).isEqualTo("SUCCESS");
        assertThat(console(controller, own)).contains("Image Factory: recorded SUCCESS of steps-app");
        assertThat(commitsAbout(controller, "build of steps-app failed")).as("the stranger recorded nothing")
                .isEqualTo(failedBefore);
        assertThat(commitsAbout(controller, "build of steps-app")).isGreaterThanOrEqualTo(before);
    }

    @Test
    void withoutAConfigRepoEveryStepSaysWhereToSetOne(Controller controller) {
        String url = controller.git.url("config");
        controller.admin().groovy("def c = " + CONFIG + "; c.setRepositoryUrl(''); c.save()");
        try {
            // one Pipeline, each step caught, so one build shows all four refusals
            JsonNode build = run(controller, "steps-unconfigured", """
                    for (String name : ['sync', 'status', 'notify', 'recordBuild']) {
                        try {
                            if (name == 'sync') { imageFactorySync() }
                            if (name == 'status') { imageFactoryStatus() }
                            if (name == 'notify') { imageFactoryNotify(image: 'example.com/a:1') }
                            if (name == 'recordBuild') { imageFactoryRecordBuild(name: 'steps-app') }
                            echo "${name}: accepted"
                        } catch (e) {
                            echo "${name}: refused: ${e.message}"
                        }
                    }
                    """);
            String console = console(controller, build);
            for (String name : new String[] {"sync", "status", "notify", "recordBuild"}) {
                assertThat(console).contains(name + ": refused: Image Factory has no config repo on this controller: "
                        + "set one under Manage Jenkins > System > Image Factory");
            }
        } finally {
            controller.admin().groovy("def c = " + CONFIG + "; c.setRepositoryUrl('" + url + "'); c.save()");
        }
        assertThat(controller.sync().get("ready").asBoolean()).isTrue();
    }

    /**
     * Jenkins stops while the step is pushing the result (the git server holds the push), and
     * starts again: the build resumes, the step runs again, and the result is in the config repo
     * exactly once.
     */
    @Test
    void aStepCaughtByARestartRunsAgainAfterItAndRecordsOnce(Controller controller) throws Exception {
        controller.sync();
        String job = "steps-restart";
        controller.admin().groovy("def c = " + CONFIG + "; c.setTrustedJobs('" + job + "'); c.save()");
        controller.createJob(job, Jobs.pipeline("imageFactoryRecordBuild(name: 'steps-app', result: 'FAILURE')"));
        int failedBefore = commitsAbout(controller, "build of steps-app failed");
        int number = controller.admin().json("job/" + job + "/api/json?tree=nextBuildNumber").get("nextBuildNumber").asInt();

        CountDownLatch pushing = controller.git.holdPushes();
        try {
            assertThat(controller.admin().post("job/" + job + "/build", null, "").status()).isEqualTo(201);
            assertThat(pushing.await(2, TimeUnit.MINUTES)).as("the step started pushing").isTrue();
            controller.jenkins.stop();
        } finally {
            controller.git.releasePushes();
        }
        controller.jenkins.start();

        JsonNode build = controller.awaitBuild(job, number, Duration.ofMinutes(3));
        String console = controller.console(job, number);
        assertThat(build.get("result").asText()).as(console).isEqualTo("SUCCESS");
        assertThat(console).contains("Jenkins restarted while imageFactoryRecordBuild was running; running it again");
        assertThat(commitsAbout(controller, "build of steps-app failed")).isEqualTo(failedBefore + 1);
    }

    private static int commitsAbout(Controller controller, String text) {
        return (int) controller.configRepoLog().stream().filter(message -> message.contains(text)).count();
    }
}
