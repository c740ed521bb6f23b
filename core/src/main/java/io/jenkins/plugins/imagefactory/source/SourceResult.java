package io.jenkins.plugins.imagefactory.source;

/** What reading one {@link SourceRequest} gave: the file, or why it could not be read. */
public sealed interface SourceResult permits SourceFile, SourceFailure {

    SourceRequest request();

    default boolean isSuccess() {
        return this instanceof SourceFile;
    }
}
