package io.jenkins.plugins.imagefactory.config;

import java.util.List;

/** A config repo read in full: either a valid config or every problem found, never half of each. */
public sealed interface ConfigLoadResult {

    /**
     * @param config    the whole, valid configuration
     */
    record Valid(ImageFactoryConfig config) implements ConfigLoadResult {
    }

    /**
     * @param errors every problem, sorted by file and position
     * @param files  the files that were read
     */
    record Invalid(List<ConfigError> errors, List<String> files) implements ConfigLoadResult {
        public Invalid {
            errors = List.copyOf(errors);
            files = List.copyOf(files);
        }
    }

    /** The config, or an exception listing every error. */
    default ImageFactoryConfig orThrow() {
        if (this instanceof Valid valid) {
            return valid.config();
        }
        throw new InvalidConfigException(((Invalid) this).errors());
    }
}
