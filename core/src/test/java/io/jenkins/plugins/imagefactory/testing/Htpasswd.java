package io.jenkins.plugins.imagefactory.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes bcrypt htpasswd lines (the only hash docker-registry accepts) with {@code htpasswd} from apache2-utils. */
public final class Htpasswd {

    public static final Path BINARY = Path.of("/usr/bin/htpasswd");

    private Htpasswd() {
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    public static String bcryptLine(String user, String password) throws IOException, InterruptedException {
        if (!available()) {
            throw new IllegalStateException(BINARY + " is missing: install the Debian package apache2-utils");
        }
        // -i reads the password from stdin so it never shows in the process list
        Process process = new ProcessBuilder(BINARY.toString(), "-niB", user).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(password.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0 || !out.startsWith(user + ":$2")) {
            throw new IOException("htpasswd failed: " + out);
        }
        return out + "\n";
    }
}
