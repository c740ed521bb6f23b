package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.InvalidReferenceException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Arguments checked where they are typed: a malformed one is a usage error (exit 2) naming the argument. */
final class Arguments {

    private Arguments() {
    }

    static ImageReference reference(CommandSpec spec, String argument, String text) {
        try {
            return ImageReference.parse(text);
        } catch (InvalidReferenceException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), argument + ": " + e.getMessage(), e);
        }
    }

    /** A check from core that refuses the value with an {@link IllegalArgumentException}, as a usage error. */
    static void check(CommandSpec spec, String option, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage(), e);
        }
    }
}
