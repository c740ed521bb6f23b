package io.jenkins.plugins.imagefactory.dockerfile;

/** Where in a Dockerfile an external image is used. */
public enum Instruction {
    FROM("FROM"),
    COPY_FROM("COPY --from"),
    RUN_MOUNT("RUN --mount");

    private final String text;

    Instruction(String text) {
        this.text = text;
    }

    /** As people write it: {@code FROM}, {@code COPY --from}, {@code RUN --mount}. */
    public String text() {
        return text;
    }
}
