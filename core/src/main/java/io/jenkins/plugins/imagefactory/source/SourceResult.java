package io.jenkins.plugins.imagefactory.source;

/** What reading one {@link SourceRequest} gave: the file, that it is unchanged, or why it could not be read. */
public sealed interface SourceResult permits SourceFile, SourceFailure, SourceUnchanged {

    SourceRequest request();

    default boolean isSuccess() {
        return !(this instanceof SourceFailure);
    }
}
