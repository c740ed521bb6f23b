package io.jenkins.plugins.imagefactory.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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
        int failedBefore = commitsAbout(controller, "build of steps-app failed");
        int number = controller.admin().json("job/" + BUILD_JOB + "/api/json?tree=nextBuildNumber").get("nextBuildNumber").asInt();

        JsonNode stranger = run(controller, "steps-stranger", "imageFactoryRecordBuild(name: 'steps-app', result: 'FAILURE')");
        JsonNode badResult = run(controller, "steps-bad-result", "imageFactoryRecordBuild(name: 'steps-app', result: 'GREAT')");
        // The image's own job, started by Image Factory for a rebuild, reports the build it was started for.
        assertThat(controller.as("rebuilder").postJson("image-factory/api/v1/images/steps-app/rebuild",
                "{\"reason\":\"own job\"}").status()).isEqualTo(202);
        JsonNode own = controller.awaitBuild(BUILD_JOB, number, Duration.ofMinutes(2));

        assertThat(stranger.get("result").asText()).isEqualTo("FAILURE");
        assertThat(console(controller, stranger)).contains("steps-stranger is not the build job of steps-app",
                "this build runs as SYSTEM, which Image Factory does not trust");
        assertThat(badResult.get("result").asText()).isEqualTo("FAILURE");
        assertThat(console(controller, badResult)).contains("result \"GREAT\" is not one of SUCCESS, UNSTABLE, FAILURE");
        assertThat(own.get("result").asText()).isEqualTo("SUCCESS");
        assertThat(console(controller, own)).contains("Image Factory: recorded success of steps-app");
        assertThat(commitsAbout(controller, "build of steps-app failed")).as("the stranger recorded nothing")
                .isEqualTo(failedBefore);
    }

    /**
     * The image's own Pipeline reports a failure (its tests failed, say) and the build itself still
     * succeeds: the step's result stands, and Jenkins' report on completion is not sent on top of it.
     */
    @Test
    void aResultTheStepRecordedIsNotReportedAgainWhenTheRunCompletes(Controller controller) {
        String job = "marker-app-build";
        controller.createJob(job, Jobs.pipeline("imageFactoryRecordBuild(name: 'marker-app', result: 'FAILURE')\n"
                + "echo 'the run itself goes on and succeeds'", true));
        controller.enroll("marker-app", "marker", "{jenkins: {job: " + job + "}}", "{delay: 30d}");
        assertThat(controller.as("rebuilder").postJson("image-factory/api/v1/images/marker-app/rebuild",
                "{\"reason\":\"marker test\"}").status()).isEqualTo(202);

        JsonNode build = controller.awaitBuild(job, 1, Duration.ofMinutes(2));
        controller.sync();
        controller.sync();

        String console = controller.console(job, 1);
        assertThat(build.get("result").asText()).as(console).isEqualTo("SUCCESS");
        assertThat(console).contains("Image Factory: recorded failure of marker-app")
                .doesNotContain("Image Factory: reporting success of marker-app");
        // (a failed build is retried, so later runs report their own failures; this run's result is one commit)
        assertThat(controller.configRepoLog()).filteredOn(message -> message.contains("/job/" + job + "/1/"))
                .singleElement().asString().contains("build of marker-app failed");
        assertThat(commitsAbout(controller, "build of marker-app succeeded")).isZero();
    }

    @Test
    void aRunImageFactoryDidNotStartRecordsNothingAndStillSucceeds(Controller controller) {
        int before = commitsAbout(controller, "build of steps-app");

        // the image's own job, started by hand while no Image Factory build of it is in progress
        JsonNode manual = controller.build(BUILD_JOB, Duration.ofMinutes(2));

        assertThat(manual.get("result").asText()).isEqualTo("SUCCESS");
        assertThat(console(controller, manual)).contains("steps-app has no build in progress");
        assertThat(commitsAbout(controller, "build of steps-app")).isEqualTo(before);
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
        String job = "restart-app-build";
        controller.createJob(job, Jobs.pipeline("sleep 5\nimageFactoryRecordBuild(name: 'restart-app', result: 'FAILURE')",
                true));
        controller.enroll("restart-app", "restart", "{jenkins: {job: " + job + "}}", null);
        assertThat(controller.as("rebuilder").postJson("image-factory/api/v1/images/restart-app/rebuild",
                "{\"reason\":\"restart test\"}").status()).isEqualTo(202);
        controller.awaitBuilding(job, 1, Duration.ofMinutes(2));
        controller.awaitStatus(status -> !status.get("running").asBoolean() && status.get("queued").asInt() == 0,
                Duration.ofMinutes(1));

        // With every push held, a step that has started cannot finish: stop Jenkins in the middle of it.
        controller.git.holdPushes();
        try {
            controller.await("the step to start", Duration.ofMinutes(1),
                    () -> controller.console(job, 1).contains("[Pipeline] imageFactoryRecordBuild") ? Boolean.TRUE : null);
            Controller.sleep(2_000);
            assertThat(controller.console(job, 1)).doesNotContain("Finished:");
            controller.jenkins.stop();
        } finally {
            controller.git.releasePushes();
        }
        controller.jenkins.start();

        JsonNode build = controller.awaitBuild(job, 1, Duration.ofMinutes(3));
        String console = controller.console(job, 1);
        assertThat(build.get("result").asText()).as(console).isEqualTo("SUCCESS");
        assertThat(console).contains("Jenkins restarted while imageFactoryRecordBuild was running; running it again");
        assertThat(commitsAbout(controller, "build of restart-app failed")).isEqualTo(1);
    }

    private static int commitsAbout(Controller controller, String text) {
        return (int) controller.configRepoLog().stream().filter(message -> message.contains(text)).count();
    }
}
