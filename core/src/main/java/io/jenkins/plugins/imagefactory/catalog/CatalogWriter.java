package io.jenkins.plugins.imagefactory.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

/** Writes generated catalog files into a folder: changed files only, stale entity files removed. */
public final class CatalogWriter {

    private CatalogWriter() {
    }

    public static void write(Path folder, Map<String, String> files) {
        try {
            Path entities = folder.resolve(CatalogGenerator.ENTITIES_FOLDER);
            if (Files.isDirectory(entities)) {
                try (Stream<Path> existing = Files.list(entities)) {
                    for (Path file : existing.toList()) {
                        String relative = CatalogGenerator.ENTITIES_FOLDER + "/" + file.getFileName();
                        if (!files.containsKey(relative)) {
                            Files.delete(file);
                        }
                    }
                }
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = folder.resolve(file.getKey());
                byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
                if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.write(target, bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the catalog under " + folder, e);
        }
    }
}
