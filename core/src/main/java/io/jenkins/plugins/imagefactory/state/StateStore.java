package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.imagefactory.config.GlobalSettings.ConfigPaths;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads and writes the state folder of a config repo work tree:
 * {@code state/images/…/<tag>.yaml}, {@code state/archive/…} and {@code state/events/YYYY-MM.jsonl}.
 * Files are only rewritten when their bytes change, so an idle cycle leaves the tree clean.
 */
public final class StateStore {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    private final Path root;
    private final ConfigPaths paths;

    public StateStore(Path root, ConfigPaths paths) {
        this.root = root;
        this.paths = paths;
    }

    public Path imagesFolder() {
        return root.resolve(paths.state()).resolve("images");
    }

    public Path archiveFolder() {
        return root.resolve(paths.state()).resolve("archive");
    }

    public Path rebuildsFolder() {
        return root.resolve(paths.state()).resolve("rebuilds");
    }

    public Path archivedRebuildsFolder() {
        return archiveFolder().resolve("rebuilds");
    }

    public Path eventsFolder() {
        return root.resolve(paths.events());
    }

    /** State of every tracked image, by canonical reference. */
    public Map<String, ImageState> loadImages() {
        return load(imagesFolder());
    }

    /** State of every archived image, by canonical reference. */
    public Map<String, ImageState> loadArchive() {
        return load(archiveFolder().resolve("images"));
    }

    /** Rebuild bookkeeping of every enrollment, by name. */
    public Map<String, RebuildState> loadRebuilds() {
        return loadRebuilds(rebuildsFolder());
    }

    public Map<String, RebuildState> loadArchivedRebuilds() {
        return loadRebuilds(archivedRebuildsFolder());
    }

    private Map<String, RebuildState> loadRebuilds(Path folder) {
        Map<String, RebuildState> out = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    RebuildState state = StateMapper.yaml().readValue(file.toFile(), RebuildState.class);
                    if (state == null || state.name() == null) {
                        throw new StateFileException(root.relativize(file) + ": not a rebuild state file (no name)");
                    }
                    out.put(state.name(), state);
                } catch (IOException e) {
                    throw new StateFileException(root.relativize(file) + ": unreadable rebuild state: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rebuild state under " + root.relativize(folder), e);
        }
        return out;
    }

    private Map<String, ImageState> load(Path folder) {
        Map<String, ImageState> out = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        List<Path> paths;
        try (Stream<Path> files = Files.walk(folder)) {
            paths = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state under " + root.relativize(folder), e);
        }
        // Parsing 10,000 files is most of loading state, and each file stands alone: parsed on every
        // core, taken in file order, and the first unreadable file in that order is the one reported.
        List<Parsed> parsed = paths.parallelStream().map(this::parse).toList();
        for (Parsed file : parsed) {
            if (file.error() != null) {
                throw file.error();
            }
            out.put(file.state().ref(), file.state());
        }
        return out;
    }

    /** One state file read: its state, or why it could not be. */
    private record Parsed(ImageState state, StateFileException error) {
    }

    private Parsed parse(Path file) {
        try {
            return new Parsed(read(file), null);
        } catch (StateFileException e) {
            return new Parsed(null, e);
        }
    }

    private ImageState read(Path file) {
        try {
            ImageState state = StateMapper.yaml().readValue(file.toFile(), ImageState.class);
            if (state == null || state.ref() == null) {
                throw new StateFileException(root.relativize(file) + ": not an image state file (no ref)");
            }
            ImageReference.parse(state.ref());
            return state;
        } catch (IOException | IllegalArgumentException e) {
            throw new StateFileException(root.relativize(file) + ": unreadable state file: " + e.getMessage(), e);
        }
    }

    /** Everything the state folder holds now, events aside: what a retried publish merges onto. */
    public StateSnapshot load() {
        return new StateSnapshot(loadImages(), loadArchive(), loadRebuilds(), loadArchivedRebuilds(), List.of());
    }

    /** Writes a cycle's result: changed image files, removals, archive moves, appended events. */
    public void write(StateSnapshot snapshot) {
        write(snapshot, null);
    }

    /**
     * Writes a cycle's result, rendering only records that differ from {@code onDisk}, the
     * snapshot the folder is known to hold ({@code null}: unknown, so every record is rendered and
     * compared with its file). An unchanged record's file is left as it is, even if an older
     * release wrote it in a since-changed layout: it is rewritten when the record changes.
     */
    public void write(StateSnapshot snapshot, StateSnapshot onDisk) {
        try {
            Map<String, Path> existing = existingFiles(imagesFolder());
            for (ImageState state : snapshot.images().values()) {
                Path file = imagesFolder().resolve(StatePaths.relativeFile(state.reference()));
                existing.remove(file.toString());
                if (onDisk == null || !state.equals(onDisk.images().get(state.ref())) || !Files.isRegularFile(file)) {
                    writeIfChanged(file, StateMapper.yaml().writeValueAsString(state));
                }
            }
            for (Path stale : existing.values()) {
                Files.delete(stale);
                deleteEmptyParents(stale.getParent(), imagesFolder());
            }
            Path archivedImages = archiveFolder().resolve("images");
            Map<String, Path> archivedFiles = existingFiles(archivedImages);
            for (ImageState state : snapshot.archived().values()) {
                Path file = archivedImages.resolve(StatePaths.relativeFile(state.reference()));
                archivedFiles.remove(file.toString());
                if (onDisk == null || !state.equals(onDisk.archived().get(state.ref())) || !Files.isRegularFile(file)) {
                    writeIfChanged(file, StateMapper.yaml().writeValueAsString(state));
                }
            }
            for (Path restored : archivedFiles.values()) {
                Files.delete(restored);
                deleteEmptyParents(restored.getParent(), archivedImages);
            }
            writeRebuilds(rebuildsFolder(), snapshot.rebuilds(), onDisk == null ? null : onDisk.rebuilds());
            writeRebuilds(archivedRebuildsFolder(), snapshot.archivedRebuilds(), onDisk == null ? null : onDisk.archivedRebuilds());
            appendEvents(snapshot.events());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write state under " + root, e);
        }
    }

    private static void writeRebuilds(Path folder, Map<String, RebuildState> rebuilds, Map<String, RebuildState> onDisk)
            throws IOException {
        Map<String, Path> existing = new HashMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.toString().endsWith(".yaml")).forEach(f -> existing.put(f.toString(), f));
            }
        }
        for (RebuildState state : rebuilds.values()) {
            Path file = folder.resolve(StatePaths.encode(state.name()) + ".yaml");
            existing.remove(file.toString());
            if (onDisk == null || !state.equals(onDisk.get(state.name())) || !Files.isRegularFile(file)) {
                writeIfChanged(file, StateMapper.yaml().writeValueAsString(state));
            }
        }
        for (Path stale : existing.values()) {
            Files.delete(stale);
        }
    }

    /** Writes one enrollment's rebuild state alone (manual requests and reported results). */
    public void writeRebuild(RebuildState state) {
        try {
            writeIfChanged(rebuildsFolder().resolve(StatePaths.encode(state.name()) + ".yaml"),
                    StateMapper.yaml().writeValueAsString(state));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rebuild state of " + state.name(), e);
        }
    }

    /** Appends events to the audit log alone. */
    public void append(List<Event> events) {
        try {
            appendEvents(events);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append events under " + root, e);
        }
    }

    private void appendEvents(List<Event> events) throws IOException {
        Map<String, StringBuilder> byMonth = new LinkedHashMap<>();
        for (Event event : events) {
            byMonth.computeIfAbsent(MONTH.format(event.time()), m -> new StringBuilder())
                    .append(eventLine(event)).append('\n');
        }
        for (Map.Entry<String, StringBuilder> month : byMonth.entrySet()) {
            Path file = eventsFolder().resolve(month.getKey() + ".jsonl");
            Files.createDirectories(file.getParent());
            Files.writeString(file, month.getValue(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    static String eventLine(Event event) {
        try {
            return StateMapper.json().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.kind(), e);
        }
    }

    /** Every event in the log, oldest first. */
    public List<Event> readEvents() {
        List<Event> out = new ArrayList<>();
        if (!Files.isDirectory(eventsFolder())) {
            return out;
        }
        try (Stream<Path> files = Files.list(eventsFolder())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                int line = 0;
                for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    line++;
                    if (text.isBlank()) {
                        continue;
                    }
                    try {
                        out.add(StateMapper.json().readValue(text, Event.class));
                    } catch (JsonProcessingException e) {
                        throw new StateFileException(root.relativize(file) + ":" + line + ": unreadable event: "
                                + e.getOriginalMessage(), e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read events under " + root, e);
        }
        return out;
    }

    private static Map<String, Path> existingFiles(Path folder) throws IOException {
        Map<String, Path> out = new HashMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(f -> f.toString().endsWith(".yaml")).forEach(f -> out.put(f.toString(), f));
        }
        return out;
    }

    private static void writeIfChanged(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteEmptyParents(Path folder, Path stop) throws IOException {
        Path current = folder;
        while (current != null && !current.equals(stop) && current.startsWith(stop)) {
            try (Stream<Path> entries = Files.list(current)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(current);
            current = current.getParent();
        }
    }
}
