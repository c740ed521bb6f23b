package io.jenkins.plugins.imagefactory.jenkins;

import hudson.init.InitMilestone;
import hudson.model.CauseAction;
import hudson.model.Job;
import hudson.model.ParameterDefinition;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.StringParameterValue;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.trigger.BuildTrigger;
import io.jenkins.plugins.imagefactory.trigger.RebuildContext;
import io.jenkins.plugins.imagefactory.trigger.RemoteJenkinsTrigger;
import io.jenkins.plugins.imagefactory.trigger.RunStatus;
import io.jenkins.plugins.imagefactory.trigger.TriggerException;
import jakarta.servlet.ServletContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;

/**
 * {@code build: {jenkins: {job: …}}} for a job on this controller: schedules it with no quiet period
 * (the delay is the engine's, so a newer base update can still supersede a pending rebuild), the
 * rebuild context as the {@code IMAGE_FACTORY_CONTEXT} string parameter and an
 * {@link ImageFactoryCause} carrying the idempotency key (also {@code IMAGE_FACTORY_KEY} when the job
 * declares it). The job must declare the context parameter: Jenkins drops undeclared parameters
 * (SECURITY-170).
 */
public final class LocalJenkinsJobTrigger implements BuildTrigger {

    public static final String CONTEXT_PARAMETER = RemoteJenkinsTrigger.CONTEXT_PARAMETER;
    /** Sent when the job declares it, as the remote trigger always does. */
    public static final String KEY_PARAMETER = RemoteJenkinsTrigger.KEY_PARAMETER;
    /** How far back {@link #find} looks; a rebuild's run is among a job's newest builds. */
    static final int RECENT_BUILDS = 50;

    @Override
    public String kind() {
        return BuildSpec.Jenkins.KIND;
    }

    @Override
    public RunStatus dispatch(RebuildContext context) throws TriggerException {
        BuildSpec.Jenkins spec = spec(context);
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            Job<?, ?> job = job(spec);
            List<ParameterValue> values = parameters(job, spec, context);
            Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(job, 0,
                    new CauseAction(ImageFactoryCause.of(context)), new ParametersAction(values));
            if (item == null) {
                throw new TriggerException("Jenkins job " + spec.job() + " did not accept a build (disabled, or not "
                        + "buildable right now)", true);
            }
            return new RunStatus(RunStatus.State.QUEUED, null, absolute(job.getUrl()), null, null, null);
        }
    }

    @Override
    public Optional<RunStatus> find(RebuildContext context) throws TriggerException {
        BuildSpec.Jenkins spec = spec(context);
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            Job<?, ?> job = job(spec);
            for (Run<?, ?> run : job.getBuilds().limit(RECENT_BUILDS)) {
                ImageFactoryCause cause = run.getCause(ImageFactoryCause.class);
                if (cause != null && context.key().equals(cause.getKey())) {
                    return Optional.of(status(run));
                }
            }
            for (Queue.Item item : Jenkins.get().getQueue().getItems()) {
                if (item.task != job) {
                    continue;
                }
                for (CauseAction causes : item.getActions(CauseAction.class)) {
                    ImageFactoryCause cause = causes.findCause(ImageFactoryCause.class);
                    if (cause != null && context.key().equals(cause.getKey())) {
                        return Optional.of(new RunStatus(RunStatus.State.QUEUED, null, absolute(job.getUrl()), null,
                                null, null));
                    }
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public RunStatus poll(RebuildContext context, RunStatus known) throws TriggerException {
        if (known.id() != null) {
            BuildSpec.Jenkins spec = spec(context);
            try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
                Run<?, ?> run = job(spec).getBuildByNumber(Integer.parseInt(known.id()));
                if (run != null) {
                    return status(run);
                }
            } catch (NumberFormatException e) {
                throw new TriggerException("run id \"" + known.id() + "\" of Jenkins job " + spec.job()
                        + " is not a build number", false, e);
            }
        }
        return find(context).orElse(known);
    }

    static RunStatus status(Run<?, ?> run) {
        Instant started = run.getStartTimeInMillis() > 0 ? Instant.ofEpochMilli(run.getStartTimeInMillis()) : null;
        String url = absolute(run.getUrl());
        String id = String.valueOf(run.getNumber());
        if (run.isBuilding()) {
            return new RunStatus(RunStatus.State.RUNNING, id, url, started, null, null);
        }
        Result result = run.getResult();
        Instant finished = started == null ? null : started.plusMillis(run.getDuration());
        if (Result.SUCCESS.equals(result)) {
            return new RunStatus(RunStatus.State.SUCCEEDED, id, url, started, finished, null);
        }
        return new RunStatus(RunStatus.State.FAILED, id, url, started, finished,
                "Jenkins build " + run.getFullDisplayName() + " finished " + result);
    }

    /**
     * The context, the key when the job declares it, the enrollment's parameters, and the job's own
     * defaults for the rest: with a {@link ParametersAction} given, Jenkins adds no defaults itself,
     * and it drops any parameter the job does not declare (SECURITY-170), so those are refused here
     * instead of vanishing.
     */
    private static List<ParameterValue> parameters(Job<?, ?> job, BuildSpec.Jenkins spec, RebuildContext context)
            throws TriggerException {
        ParametersDefinitionProperty declared = job.getProperty(ParametersDefinitionProperty.class);
        if (declared == null || declared.getParameterDefinition(CONTEXT_PARAMETER) == null) {
            if (job.getLastBuild() == null) {
                // A Pipeline's parameters {} (or properties([parameters(..)])) exist only once it has run.
                throw new TriggerException("Jenkins job " + spec.job() + " has never run and does not declare the "
                        + "string parameter " + CONTEXT_PARAMETER + " yet; if its Pipeline declares it, run the job once "
                        + "so Jenkins learns its parameters (Image Factory tries again each cycle)", true);
            }
            throw new TriggerException("Jenkins job " + spec.job() + " does not declare the string parameter "
                    + CONTEXT_PARAMETER + "; add it so the build receives the rebuild context", false);
        }
        List<String> undeclared = spec.parameters().keySet().stream()
                .filter(name -> declared.getParameterDefinition(name) == null).sorted().toList();
        if (!undeclared.isEmpty()) {
            throw new TriggerException("Jenkins job " + spec.job() + " does not declare the parameter(s) "
                    + String.join(", ", undeclared) + " that its enrollment sets; Jenkins would drop them", false);
        }
        Map<String, String> supplied = new LinkedHashMap<>(spec.parameters());
        supplied.put(CONTEXT_PARAMETER, context.toJson());
        if (declared.getParameterDefinition(KEY_PARAMETER) != null) {
            supplied.put(KEY_PARAMETER, context.key());
        }
        List<ParameterValue> values = new ArrayList<>();
        supplied.forEach((name, value) -> values.add(new StringParameterValue(name, value)));
        for (ParameterDefinition definition : declared.getParameterDefinitions()) {
            if (!supplied.containsKey(definition.getName())) {
                ParameterValue fallback = definition.getDefaultParameterValue();
                if (fallback != null) {
                    values.add(fallback);
                }
            }
        }
        return values;
    }

    private static BuildSpec.Jenkins spec(RebuildContext context) throws TriggerException {
        if (context.build() instanceof BuildSpec.Jenkins jenkins) {
            return jenkins;
        }
        throw new TriggerException("rebuild of " + context.image() + " is not a Jenkins build ("
                + (context.build() == null ? "no build spec" : context.build().kind()) + ")", false);
    }

    private static Job<?, ?> job(BuildSpec.Jenkins spec) throws TriggerException {
        if (Jenkins.get().getInitLevel() != InitMilestone.COMPLETED) {
            // Jobs are not all loaded yet: "no such job" now would fail a rebuild that works in a minute.
            throw new TriggerException("Jenkins is still starting; job " + spec.job() + " is looked up once it has",
                    true);
        }
        Job<?, ?> job = Jenkins.get().getItemByFullName(spec.job(), Job.class);
        if (job == null) {
            throw new TriggerException("no Jenkins job \"" + spec.job() + "\" on this controller (full name, folders "
                    + "separated by /)", false);
        }
        if (!(job instanceof ParameterizedJobMixIn.ParameterizedJob<?, ?>)) {
            throw new TriggerException("Jenkins job " + spec.job() + " is a " + job.getClass().getSimpleName()
                    + ", which cannot be started with parameters", false);
        }
        return job;
    }

    /**
     * Run and job URLs for people: absolute when the root URL is configured; else a path on this
     * server, with the context path ({@code /jenkins/job/app/3/}), so a link on this controller's
     * pages still works.
     */
    public static String absolute(String relative) {
        Jenkins jenkins = Jenkins.get();
        String root = jenkins.getRootUrl();
        if (root != null) {
            return root + relative;
        }
        ServletContext context = jenkins.getServletContext();
        return (context == null ? "" : context.getContextPath()) + "/" + relative;
    }
}
