package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import io.jenkins.plugins.imagefactory.secret.KnownSecrets;
import java.io.IOException;

/**
 * Every string the engine writes (state files, the audit log, the catalog, API answers) passes
 * through {@link KnownSecrets#redact}: a second line behind the redaction of quoted answers, so a
 * secret a build system echoed can reach no record by a path nobody thought of.
 */
final class RedactedStrings extends StdScalarSerializer<String> {

    private static final long serialVersionUID = 1L;

    RedactedStrings() {
        super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(KnownSecrets.redact(value));
    }
}
