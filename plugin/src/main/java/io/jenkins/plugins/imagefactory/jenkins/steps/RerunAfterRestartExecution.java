package io.jenkins.plugins.imagefactory.jenkins.steps;

import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.io.IOException;
import java.io.Serial;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.springframework.security.core.Authentication;

/**
 * A step that writes to the config repo on a thread of its own (a push may take a while) and, when
 * Jenkins restarts while it runs, runs again after the restart instead of failing the build: what
 * these steps write is idempotent (a result recorded twice, a request made twice, is one commit), so
 * running again never records anything twice and never loses the write. Whatever the step decided
 * with the build's authentication at its start is kept in the serialized execution, so the rerun
 * needs no authentication of its own.
 */
abstract class RerunAfterRestartExecution<T> extends StepExecution {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "image-factory-step");
        thread.setDaemon(true);
        return thread;
    });

    private transient volatile Future<?> task;

    RerunAfterRestartExecution(StepContext context) {
        super(context);
    }

    /**
     * Checks and decisions that need the build's authentication; runs on the Pipeline's thread
     * before anything is written, and fails the step at once when it throws.
     */
    protected void decide() throws Exception {
    }

    /** The step's work; runs with the authentication it started with (SYSTEM after a restart). */
    protected abstract T run() throws Exception;

    /** The step's function name, for the console line after a restart. */
    protected abstract String name();

    @Override
    public final boolean start() throws Exception {
        decide();
        submit(Jenkins.getAuthentication2());
        return false;
    }

    @Override
    public void onResume() {
        try {
            getContext().get(TaskListener.class).getLogger().println("Image Factory: Jenkins restarted while " + name()
                    + " was running; running it again (it writes nothing twice)");
        } catch (IOException | InterruptedException e) {
            // the console line is a courtesy; the step runs again either way
        }
        submit(ACL.SYSTEM2);
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        Future<?> running = task;
        if (running != null) {
            running.cancel(true);
        }
        super.stop(cause);
    }

    @Override
    public String getStatus() {
        return task == null ? "not started" : task.isDone() ? "finished" : "writing to the config repo";
    }

    private void submit(Authentication authentication) {
        task = THREADS.submit(() -> {
            try (ACLContext ignored = ACL.as2(authentication)) {
                getContext().onSuccess(run());
            } catch (Throwable failure) {
                getContext().onFailure(failure);
            }
        });
    }
}
