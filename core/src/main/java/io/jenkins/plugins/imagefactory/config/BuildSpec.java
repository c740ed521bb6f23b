package io.jenkins.plugins.imagefactory.config;

import java.util.Map;

/** How a managed image's own build is started: exactly one build system per enrollment. */
public sealed interface BuildSpec {

    /** The YAML key that selects this kind under {@code build:}. */
    String kind();

    /**
     * A GitHub Actions {@code workflow_dispatch}.
     *
     * @param repository {@code owner/name}
     * @param workflow   workflow file name ({@code build.yml}) or id
     * @param ref        branch or tag to run the workflow on
     * @param inputs     workflow inputs; values may use placeholders such as {@code ${baseDigest}}
     */
    record GitHubActions(String repository, String workflow, String ref, Map<String, String> inputs) implements BuildSpec {
        public static final String KIND = "github-actions";

        public GitHubActions {
            inputs = Map.copyOf(inputs);
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * A Jenkins job, local to the plugin's controller or remote for the standalone host.
     *
     * @param job        full job name, folders separated by {@code /}
     * @param parameters extra build parameters
     */
    record Jenkins(String job, Map<String, String> parameters) implements BuildSpec {
        public static final String KIND = "jenkins";

        public Jenkins {
            parameters = Map.copyOf(parameters);
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * An HTTP POST of the rebuild context, signed with HMAC-SHA256.
     *
     * @param url    where to POST
     * @param secret credentials reference of the signing secret, or {@code null} for unsigned
     */
    record Webhook(String url, String secret) implements BuildSpec {
        public static final String KIND = "webhook";

        @Override
        public String kind() {
            return KIND;
        }
    }
}
