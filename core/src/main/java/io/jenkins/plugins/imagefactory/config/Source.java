package io.jenkins.plugins.imagefactory.config;

import java.util.Map;

/**
 * Where a managed image's Dockerfile lives.
 *
 * @param repository git URL (https, ssh, file)
 * @param branch     branch to read
 * @param dockerfile path of the Dockerfile inside the repository
 * @param context    build context directory inside the repository
 * @param buildArgs  {@code --build-arg} values, which override {@code ARG} defaults
 * @param target     the stage that is built, or {@code null} for the last one
 */
public record Source(String repository, String branch, String dockerfile, String context,
                     Map<String, String> buildArgs, String target) {

    public static final String DEFAULT_BRANCH = "main";
    public static final String DEFAULT_DOCKERFILE = "Dockerfile";
    public static final String DEFAULT_CONTEXT = ".";

    public Source {
        buildArgs = Map.copyOf(buildArgs);
    }
}
