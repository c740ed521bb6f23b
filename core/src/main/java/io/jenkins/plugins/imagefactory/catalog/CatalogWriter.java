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
            // Each file is read to compare before it is written (an unchanged file keeps its
            // timestamp and git has nothing to stage); 10,000 of them are compared on every core.
            files.entrySet().parallelStream().forEach(file -> writeIfChanged(folder.resolve(file.getKey()), file.getValue()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the catalog under " + folder, e);
        }
    }

    private static void writeIfChanged(Path target, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return;
            }
            Files.createDirectories(target.getParent());
            Files.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the catalog file " + target, e);
        }
    }
}
