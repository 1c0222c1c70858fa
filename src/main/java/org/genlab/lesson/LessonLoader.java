package org.genlab.lesson;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads lesson files ({@code *.md} directly in the given folders, {@code README.md} skipped)
 * and checks them against the panes' declared parameters. A file with an error is refused
 * and listed with its line; every other lesson still loads. Nothing here throws for a bad file
 * or folder: every problem is a {@link LessonProblem} in the result.
 */
public final class LessonLoader {
    /** Files larger than this are refused unread. */
    public static final long MAX_FILE_BYTES = 1L << 20;

    private final PaneCatalog catalog;
    private final LessonParser parser;

    /** A loader checking lessons against these panes. */
    public LessonLoader(PaneCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog);
        this.parser = new LessonParser(catalog);
    }

    /**
     * Loads every lesson file of the folders, in folder order and then file name order; when two
     * files use the same id, the later one is refused.
     */
    public LoadResult load(List<Path> folders) {
        List<Lesson> lessons = new ArrayList<>();
        List<LessonProblem> problems = new ArrayList<>();
        Map<String, Path> ids = new HashMap<>();
        for (Path folder : folders) {
            for (Path file : files(folder, problems)) {
                Problems fileProblems = new Problems(file);
                read(file, fileProblems).flatMap(text -> parser.parse(file, text, fileProblems)).ifPresent(parsed -> {
                    String id = parsed.lesson().id();
                    Path first = ids.putIfAbsent(id, file);
                    if (first == null) {
                        lessons.add(parsed.lesson());
                    } else {
                        fileProblems.error(parsed.idLine(), "id '" + id + "' is already used by " + first
                                + ": this lesson is not loaded");
                    }
                });
                problems.addAll(fileProblems.list());
            }
        }
        return result(lessons, problems);
    }

    /** Parses one file's text (no duplicate-id check: that needs the other files). */
    public LoadResult parse(Path file, String text) {
        Problems problems = new Problems(file);
        Optional<LessonParser.Parsed> parsed = parser.parse(file, text, problems);
        return result(parsed.map(p -> List.of(p.lesson())).orElse(List.of()), problems.list());
    }

    private LoadResult result(List<Lesson> lessons, List<LessonProblem> problems) {
        List<Lesson> sorted = new ArrayList<>(lessons);
        sorted.sort(lessonOrder());
        List<LessonProblem> sortedProblems = new ArrayList<>(problems);
        sortedProblems.sort(Comparator.comparing((LessonProblem p) -> p.file().toString()).thenComparingInt(LessonProblem::line));
        return new LoadResult(sorted, sortedProblems);
    }

    /** Pane in navigation order, then question (numbers as numbers, none first), order, title. */
    private Comparator<Lesson> lessonOrder() {
        List<String> panes = catalog.panes();
        Comparator<Lesson> byPane = Comparator.comparingInt(l -> {
            int i = panes.indexOf(l.topic());
            return i < 0 ? Integer.MAX_VALUE : i;
        });
        return byPane.thenComparing(Lesson::topic)
                .thenComparing(Lesson::question, Comparator.nullsFirst(NaturalOrder.INSTANCE))
                .thenComparingInt(Lesson::order)
                .thenComparing(Lesson::title, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(Lesson::id);
    }

    private static List<Path> files(Path folder, List<LessonProblem> problems) {
        if (!Files.exists(folder)) {
            problems.add(folderProblem(folder, "the lesson folder does not exist"));
            return List.of();
        }
        if (!Files.isDirectory(folder)) {
            problems.add(folderProblem(folder, "not a folder: lessons are read from the .md files of a folder"));
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            for (Path p : dir) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".md") && !name.equals("readme.md") && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(folderProblem(folder, "the lesson folder cannot be read: " + e.getMessage()));
            return List.of();
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    /** The file's text, or empty after reporting why it cannot be read. */
    private static Optional<String> read(Path file, Problems problems) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                problems.error(0, "the file is " + size + " bytes; a lesson may have at most " + MAX_FILE_BYTES);
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            problems.error(0, "the file is not UTF-8 text");
        } catch (IOException | RuntimeException e) {
            problems.error(0, "the file cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static LessonProblem folderProblem(Path folder, String reason) {
        return new LessonProblem(folder, 0, reason, LessonProblem.Severity.ERROR);
    }
}
