package io.jenkins.plugins.imagefactory.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Each step in a real Pipeline against a real config repo. */
@WithJenkins
class ImageFactoryStepsTest {

    private JenkinsRule j;
    private ConfigRepoFixture repo;

    @BeforeEach
    void setUp(JenkinsRule rule, @TempDir Path dir) throws Exception {
        j = rule;
        repo = ConfigRepoFixture.create(dir, true);
        ImageFactoryConfiguration.get().setRepositoryUrl(repo.url());
    }

    private WorkflowRun run(String script, Result expected) throws Exception {
        return run(j.createProject(WorkflowJob.class), script, expected);
    }

    private WorkflowRun run(WorkflowJob job, String script, Result expected) throws Exception {
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    /** Builds of these jobs run as the developer "dev", who may read and build but not Image Factory/Rebuild. */
    private void buildsRunAsDev(String... jobs) {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("dev"));
        MockQueueItemAuthenticator authenticator = new MockQueueItemAuthenticator();
        for (String job : jobs) {
            authenticator.authenticate(job, User.getById("dev", true).impersonate2());
        }
        QueueItemAuthenticatorConfiguration.get().getAuthenticators().add(authenticator);
    }

    private void awaitFirstCycle() throws InterruptedException {
        ImageFactoryService.get().requestSync(java.util.Map.of(), "test");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (ImageFactoryService.get().status().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(ImageFactoryService.get().status()).as("status after the first sync; last error: %s",
                ImageFactoryService.get().lastError().orElse("none")).isPresent();
    }

    @Test
    void syncAsksForACycleAndReturnsAtOnce() throws Exception {
        long before = ImageFactoryService.get().startedRunner().map(io.jenkins.plugins.imagefactory.sync.SyncRunner::requests).orElse(0L);

        WorkflowRun run = run("imageFactorySync()", Result.SUCCESS);

        j.assertLogContains("Image Factory: sync requested", run);
        assertThat(ImageFactoryService.get().startedRunner().map(io.jenkins.plugins.imagefactory.sync.SyncRunner::requests).orElse(0L)).isGreaterThan(before);
    }

    @Test
    void statusReturnsTheImageAsAMap() throws Exception {
        awaitFirstCycle();

        WorkflowRun run = run("def s = imageFactoryStatus(name: 'app')\n"
                + "echo \"ref=${s.summary.ref} role=${s.summary.role}\"\n"
                + "def all = imageFactoryStatus()\n"
                + "echo \"count=${all.images.size()}\"", Result.SUCCESS);

        j.assertLogContains("ref=registry.example.com/team/app:1.0", run);
        j.assertLogContains("role=managed", run);
        j.assertLogContains("count=1", run);
    }

    @Test
    void statusOfAnUnknownImageFailsTheStepWithItsName() throws Exception {
        awaitFirstCycle();

        WorkflowRun run = run("imageFactoryStatus(name: 'nope')", Result.FAILURE);

        j.assertLogContains("no tracked image \"nope\"", run);
    }

    @Test
    void notifyRequestsADigestCheckOfThePushedTag() throws Exception {
        long before = ImageFactoryService.get().startedRunner().map(io.jenkins.plugins.imagefactory.sync.SyncRunner::requests).orElse(0L);

        WorkflowRun run = run("imageFactoryNotify(image: 'registry.example.com/base/jdk:21', digest: 'sha256:"
                + "c".repeat(64) + "')", Result.SUCCESS);

        j.assertLogContains("digest check of registry.example.com/base/jdk:21 requested", run);
        assertThat(ImageFactoryService.get().startedRunner().map(io.jenkins.plugins.imagefactory.sync.SyncRunner::requests).orElse(0L)).isGreaterThan(before);
    }

    @Test
    void anUrgentNotifyWithoutAReasonFails() throws Exception {
        WorkflowRun run = run("imageFactoryNotify(image: 'registry.example.com/base/jdk:21', urgent: true)", Result.FAILURE);

        j.assertLogContains("urgent: true needs a reason", run);
    }

    @Test
    void recordBuildCommitsTheResultToTheConfigRepo() throws Exception {
        awaitFirstCycle();

        WorkflowRun run = run(j.createProject(WorkflowJob.class, "app-build"),
                "imageFactoryRecordBuild(name: 'app', result: 'FAILURE')", Result.SUCCESS);

        j.assertLogContains("Image Factory: recorded FAILURE of app", run);
        assertThat(repo.commitMessages()).anySatisfy(message -> assertThat(message).contains("build of app failed"));
    }

    @Test
    void onlyTheImagesOwnBuildJobMayRecordItsResultWithoutTheRebuildPermission() throws Exception {
        awaitFirstCycle();
        buildsRunAsDev("app-build", "someone-else");

        WorkflowRun stranger = run(j.createProject(WorkflowJob.class, "someone-else"),
                "imageFactoryRecordBuild(name: 'app', result: 'SUCCESS')", Result.FAILURE);
        WorkflowRun own = run(j.createProject(WorkflowJob.class, "app-build"),
                "imageFactoryRecordBuild(name: 'app', result: 'SUCCESS')", Result.SUCCESS);

        j.assertLogContains("someone-else is not the build job of app", stranger);
        j.assertLogContains("Image Factory: recorded SUCCESS of app", own);
        assertThat(repo.commitMessages()).filteredOn(message -> message.contains("build of app succeeded")).hasSize(1);
    }

    @Test
    void anUrgentNotifyNeedsTheRebuildPermission() throws Exception {
        buildsRunAsDev("base-image");

        WorkflowRun run = run(j.createProject(WorkflowJob.class, "base-image"),
                "imageFactoryNotify(image: 'registry.example.com/base/jdk:21', urgent: true, reason: 'CVE-2026-1234')",
                Result.FAILURE);

        j.assertLogContains("this build runs as dev, who lacks Image Factory/Rebuild", run);
        assertThat(repo.commitMessages()).noneSatisfy(message -> assertThat(message).contains("urgent rebuild"));
    }

    @Test
    void aBuildRunningAsSystemIsNotTrustedToActForOtherImagesByDefault() throws Exception {
        awaitFirstCycle();

        WorkflowRun run = run("imageFactoryRecordBuild(name: 'app', result: 'SUCCESS')", Result.FAILURE);

        j.assertLogContains("this build runs as SYSTEM, which Image Factory does not trust", run);
        assertThat(repo.commitMessages()).noneSatisfy(message -> assertThat(message).contains("build of app"));
    }

    @Test
    void recordBuildOfAnUnknownEnrollmentFailsWithTheEnrolledNames() throws Exception {
        ImageFactoryConfiguration.get().setTrustSystemBuilds(true);

        WorkflowRun run = run("imageFactoryRecordBuild(name: 'nope')", Result.FAILURE);

        j.assertLogContains("no enrollment named \"nope\"; enrolled: app", run);
    }
}
