package io.jenkins.plugins.imagefactory.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.StringParameterDefinition;
import hudson.model.StringParameterValue;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.state.BuildRecord.BuildCause;
import io.jenkins.plugins.imagefactory.trigger.RebuildContext;
import io.jenkins.plugins.imagefactory.trigger.RunStatus;
import io.jenkins.plugins.imagefactory.trigger.TriggerException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class LocalJenkinsJobTriggerTest {

    static final String BASE = "docker.io/library/alpine:3.20";
    static final String NEW_DIGEST = "sha256:" + "b".repeat(64);

    private static RebuildContext context(String job, String key) {
        return new RebuildContext("app", List.of("registry.example.com/team/app:1.0"), key, false, "system", null,
                List.of(new BuildCause(BASE, "sha256:" + "a".repeat(64), NEW_DIGEST)), Instant.parse("2026-05-01T10:00:00Z"),
                new BuildSpec.Jenkins(job, Map.of("TARGET", "prod")));
    }

    @Test
    void schedulesTheParameterisedJobWithTheCauseAndFindsItByKeyAfterwards(JenkinsRule j, @TempDir Path dir) throws Exception {
        ConfigRepoFixture repo = ConfigRepoFixture.create(dir, true);
        ImageFactoryConfiguration.get().setRepositoryUrl(repo.url());
        FreeStyleProject job = j.createFreeStyleProject("app-build");
        job.addProperty(new ParametersDefinitionProperty(
                new StringParameterDefinition(LocalJenkinsJobTrigger.CONTEXT_PARAMETER, ""),
                new StringParameterDefinition(LocalJenkinsJobTrigger.KEY_PARAMETER, ""),
                new StringParameterDefinition("TARGET", ""),
                new StringParameterDefinition("REGION", "eu-west-1")));
        RebuildContext context = context("app-build", "app-key-1");
        LocalJenkinsJobTrigger trigger = new LocalJenkinsJobTrigger();

        RunStatus dispatched = trigger.dispatch(context);
        assertThat(dispatched.state()).isEqualTo(RunStatus.State.QUEUED);
        j.waitUntilNoActivity();

        FreeStyleBuild build = job.getLastBuild();
        assertThat(build).isNotNull();
        j.assertBuildStatusSuccess(build);
        ImageFactoryCause cause = build.getCause(ImageFactoryCause.class);
        assertThat(cause.getShortDescription()).contains(BASE, "sha256:bbbbbbbbbbbb", "app");
        ParametersAction parameters = build.getAction(ParametersAction.class);
        assertThat(((StringParameterValue) parameters.getParameter(LocalJenkinsJobTrigger.CONTEXT_PARAMETER)).getValue())
                .isEqualTo(context.toJson());
        assertThat(((StringParameterValue) parameters.getParameter("TARGET")).getValue()).isEqualTo("prod");
        assertThat(((StringParameterValue) parameters.getParameter(LocalJenkinsJobTrigger.KEY_PARAMETER)).getValue())
                .isEqualTo("app-key-1");
        // Jenkins adds no defaults when parameters are given; the trigger does.
        assertThat(((StringParameterValue) parameters.getParameter("REGION")).getValue()).isEqualTo("eu-west-1");

        assertThat(trigger.find(context)).get().satisfies(found -> {
            assertThat(found.state()).isEqualTo(RunStatus.State.SUCCEEDED);
            assertThat(found.id()).isEqualTo(String.valueOf(build.getNumber()));
        });
        assertThat(trigger.find(context("app-build", "another-key"))).isEmpty();
    }

    @Test
    void aJobThatNeverRanAndDeclaresNoContextIsRetriedUntilJenkinsHasSeenItsParameters(JenkinsRule j) throws Exception {
        j.createFreeStyleProject("never-ran");

        assertThatThrownBy(() -> new LocalJenkinsJobTrigger().dispatch(context("never-ran", "k")))
                .isInstanceOf(TriggerException.class)
                .hasMessageContaining("run the job once so Jenkins learns its parameters")
                .satisfies(e -> assertThat(((TriggerException) e).isTransient()).isTrue());
    }

    @Test
    void aJobThatDoesNotDeclareTheContextParameterIsAConfigurationError(JenkinsRule j) throws Exception {
        j.buildAndAssertSuccess(j.createFreeStyleProject("plain"));

        assertThatThrownBy(() -> new LocalJenkinsJobTrigger().dispatch(context("plain", "k")))
                .isInstanceOf(TriggerException.class)
                .hasMessageContaining(LocalJenkinsJobTrigger.CONTEXT_PARAMETER)
                .satisfies(e -> assertThat(((TriggerException) e).isTransient()).isFalse());
    }

    @Test
    void anEnrollmentParameterTheJobDoesNotDeclareIsRefusedInsteadOfDropped(JenkinsRule j) throws Exception {
        FreeStyleProject job = j.createFreeStyleProject("no-target");
        job.addProperty(new ParametersDefinitionProperty(
                new StringParameterDefinition(LocalJenkinsJobTrigger.CONTEXT_PARAMETER, "")));

        assertThatThrownBy(() -> new LocalJenkinsJobTrigger().dispatch(context("no-target", "k")))
                .isInstanceOf(TriggerException.class)
                .hasMessageContaining("does not declare the parameter(s) TARGET")
                .satisfies(e -> assertThat(((TriggerException) e).isTransient()).isFalse());
        assertThat(job.getBuilds()).isEmpty();
    }

    @Test
    void aMissingJobIsNamed(JenkinsRule j) {
        assertThatThrownBy(() -> new LocalJenkinsJobTrigger().dispatch(context("folder/missing", "k")))
                .isInstanceOf(TriggerException.class)
                .hasMessageContaining("folder/missing");
    }
}
