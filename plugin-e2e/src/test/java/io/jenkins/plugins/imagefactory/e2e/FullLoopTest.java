package io.jenkins.plugins.imagefactory.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.testing.OciPusher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The loop the plugin exists for, with every part real: an upstream base gets a new digest in the
 * registry, the registry tells Jenkins, the platform image built on it is rebuilt by its freestyle
 * job (which really pushes a new image), Jenkins reports the result to the config repo, and then
 * the application built on the platform image follows: each exactly once, parent before child.
 */
@ExtendWith(RealJenkinsExtension.class)
class FullLoopTest {

    private static final String PLATFORM_JOB = "loop-platform-build";
    private static final String APP_JOB = "loop-app-build";

    @Test
    void aBasePushRebuildsTheDependentsOnceEachInOrderAndRecordsTheResults(Controller controller) {
        String registry = controller.registry.host();
        OciPusher pusher = controller.registry.pusher();
        pusher.pushImage("loop/upstream", "1", Platform.LINUX_AMD64);
        pusher.pushImage("loop/platform-base", "1", Platform.LINUX_AMD64);
        pusher.pushImage("loop/app", "1", Platform.LINUX_AMD64);
        controller.createJob(PLATFORM_JOB, Jobs.freestylePushing(registry, "loop/platform-base", "1"));
        controller.createJob(APP_JOB, Jobs.freestylePushing(registry, "loop/app", "1"));
        controller.sources.commit("main", Controller.files(
                "loop/platform/Dockerfile", "FROM " + registry + "/loop/upstream:1\nRUN echo platform\n",
                "loop/app/Dockerfile", "ARG BASE=" + registry + "/loop/platform-base:1\nFROM ${BASE} AS build\n"
                        + "RUN echo build\nFROM build\n"), "loop Dockerfiles");
        controller.commitAndSync(Controller.files("images/loop.yaml", """
                - name: loop-platform
                  image: %1$s/loop/platform-base
                  tags: ["1"]
                  source: {repository: "%2$s", dockerfile: loop/platform/Dockerfile}
                  build: {jenkins: {job: %3$s}}
                - name: loop-app
                  image: %1$s/loop/app
                  tags: ["1"]
                  source: {repository: "%2$s", dockerfile: loop/app/Dockerfile}
                  build: {jenkins: {job: %4$s}}
                """.formatted(registry, controller.git.url("sources"), PLATFORM_JOB, APP_JOB)), "enroll the loop images");

        JsonNode app = controller.admin().json("image-factory/api/v1/images/loop-app");
        assertThat(app.at("/summary/dependencies").toString()).contains(registry + "/loop/platform-base:1");
        assertThat(controller.admin().json("image-factory/api/v1/images/loop-platform").at("/summary/dependents").toString())
                .contains("\"loop-app\"");
        assertThat(lastBuildNumber(controller, PLATFORM_JOB)).as("nothing is rebuilt before a base changes").isZero();

        // The upstream base moves; the registry's own notification reaches the plugin's webhook.
        String newBase = pusher.pushImage("loop/upstream", "1", Platform.LINUX_AMD64).digest();

        JsonNode platformBuild = controller.awaitBuild(PLATFORM_JOB, 1, Duration.ofMinutes(3));
        JsonNode appBuild = controller.awaitBuild(APP_JOB, 1, Duration.ofMinutes(3));

        assertThat(platformBuild.get("result").asText()).isEqualTo("SUCCESS");
        assertThat(appBuild.get("result").asText()).isEqualTo("SUCCESS");
        assertThat(causes(platformBuild)).singleElement().asString()
                .startsWith("Started by Image Factory: base " + registry + "/loop/upstream:1 is now "
                        + newBase.substring(0, "sha256:".length() + 12))
                .endsWith("rebuilding loop-platform");
        String context = parameter(platformBuild, "IMAGE_FACTORY_CONTEXT");
        assertThat(context).contains("\"image\":\"loop-platform\"", newBase, registry + "/loop/upstream:1");
        assertThat(controller.console(PLATFORM_JOB, 1)).contains("IMAGE_FACTORY_KEY=" + parameter(platformBuild, "IMAGE_FACTORY_KEY"));
        assertThat(parameter(appBuild, "IMAGE_FACTORY_CONTEXT")).contains("\"image\":\"loop-app\"",
                registry + "/loop/platform-base:1");
        long platformFinished = platformBuild.get("timestamp").asLong() + platformBuild.get("duration").asLong();
        assertThat(appBuild.get("timestamp").asLong()).as("the app starts after its base image was rebuilt")
                .isGreaterThanOrEqualTo(platformFinished);

        JsonNode recorded = controller.await("both results in the config repo", Duration.ofMinutes(1), () -> {
            controller.sync();
            JsonNode state = controller.admin().json("image-factory/api/v1/images/loop-app");
            return "succeeded".equals(state.at("/summary/lastBuildStatus").asText()) ? state : null;
        });
        // The run's page, or the job's when the engine saw the new digest before Jenkins reported the run.
        assertThat(recorded.at("/summary/lastBuildUrl").asText()).startsWith(controller.jenkins.url("job/" + APP_JOB + "/").toString());
        assertThat(controller.admin().json("image-factory/api/v1/images/loop-platform").at("/summary/lastBuildStatus")
                .asText()).isEqualTo("succeeded");
        // Recorded by whichever came first: Jenkins reporting the run, or the engine seeing the image's new digest.
        assertThat(controller.configRepoLog()).anySatisfy(message -> assertThat(message).containsAnyOf(
                        "build of loop-platform succeeded", "rebuild succeeded: loop-platform"))
                .anySatisfy(message -> assertThat(message).containsAnyOf(
                        "build of loop-app succeeded", "rebuild succeeded: loop-app"));

        // Settled: more cycles start nothing more.
        controller.sync();
        controller.sync();
        assertThat(lastBuildNumber(controller, PLATFORM_JOB)).isEqualTo(1);
        assertThat(lastBuildNumber(controller, APP_JOB)).isEqualTo(1);
    }

    /**
     * Jenkins reports the result of a build it started for Image Factory when the build completes;
     * with the git server holding every push, the build still ends and frees its executor at once,
     * and the result reaches the config repo once pushes go through again.
     */
    @Test
    void aCompletedBuildFreesItsExecutorWhileTheConfigRepoIsSlow(Controller controller) throws Exception {
        String job = "slow-repo-build";
        controller.createJob(job, Jobs.freestyle("slow/app", "sleep 3\necho built"));
        controller.enroll("slow-app", "slow", "{jenkins: {job: " + job + "}}", null);
        assertThat(controller.as("rebuilder").postJson("image-factory/api/v1/images/slow-app/rebuild",
                "{\"reason\":\"listener test\"}").status()).isEqualTo(202);
        controller.awaitBuilding(job, 1, Duration.ofMinutes(2));

        java.util.concurrent.CountDownLatch pushing = controller.git.holdPushes();
        try {
            controller.awaitBuild(job, 1, Duration.ofSeconds(60));
            controller.await("the built-in node's executors to be free", Duration.ofSeconds(30), () ->
                    controller.admin().json("computer/api/json?tree=busyExecutors").get("busyExecutors").asInt() == 0
                            ? Boolean.TRUE : null);
            assertThat(pushing.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the result is being pushed").isTrue();
            assertThat(controller.configRepoLog()).noneSatisfy(message -> assertThat(message).contains("slow-app succeeded"));
        } finally {
            controller.git.releasePushes();
        }
        controller.await("the result in the config repo", Duration.ofMinutes(1), () -> controller.configRepoLog().stream()
                .anyMatch(message -> message.contains("build of slow-app succeeded") || message.contains("rebuild succeeded: slow-app"))
                ? Boolean.TRUE : null);
    }

    /**
     * A Pipeline declares its parameters in its script, so Jenkins knows them only after a first run:
     * until then a rebuild is retried every cycle with a message saying so, and it starts once the
     * job declares the context.
     */
    @Test
    void aPipelineThatNeverRanIsRetriedUntilJenkinsKnowsItsParameters(Controller controller) {
        String job = "first-run-build";
        controller.createJob(job, Jobs.pipeline("echo \"context: ${params.IMAGE_FACTORY_CONTEXT}\""));
        controller.enroll("first-app", "first", "{jenkins: {job: " + job + "}}", null);

        assertThat(controller.as("rebuilder").postJson("image-factory/api/v1/images/first-app/rebuild",
                "{\"reason\":\"first run\"}").status()).isEqualTo(202);
        controller.sync();
        controller.sync();

        String events = controller.configRepoFile("state/events/" + java.time.YearMonth.now(java.time.ZoneOffset.UTC) + ".jsonl");
        assertThat(events).contains("rebuild-trigger-error", "run the job once so Jenkins learns its parameters");
        assertThat(lastBuildNumber(controller, job)).as("nothing started without the context").isZero();

        controller.createJob(job, Jobs.pipeline("echo \"context: ${params.IMAGE_FACTORY_CONTEXT}\"", true));
        controller.sync();

        JsonNode build = controller.awaitBuild(job, 1, Duration.ofMinutes(2));
        assertThat(build.get("result").asText()).isEqualTo("SUCCESS");
        assertThat(controller.console(job, 1)).contains("context: {", "\"image\":\"first-app\"");
    }

    private static int lastBuildNumber(Controller controller, String job) {
        JsonNode last = controller.admin().json("job/" + job + "/api/json?tree=lastBuild[number]").get("lastBuild");
        return last == null || last.isNull() ? 0 : last.get("number").asInt();
    }

    private static List<String> causes(JsonNode build) {
        List<String> causes = new ArrayList<>();
        for (JsonNode action : build.get("actions")) {
            if (action.has("causes")) {
                action.get("causes").forEach(cause -> causes.add(cause.get("shortDescription").asText()));
            }
        }
        return causes;
    }

    private static String parameter(JsonNode build, String name) {
        for (JsonNode action : build.get("actions")) {
            if (action.has("parameters")) {
                for (JsonNode parameter : action.get("parameters")) {
                    if (parameter.get("name").asText().equals(name)) {
                        return parameter.get("value").asText();
                    }
                }
            }
        }
        throw new AssertionError("no parameter " + name + " in " + build);
    }
}
