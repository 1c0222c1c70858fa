package org.genlab.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.genlab.core.io.AtomicFiles;

/**
 * Where each user is in each lesson: the last step seen and the quiz answers given, kept in
 * {@code lesson-progress.json} in the GenLab folder. Every change is saved at once, atomically
 * (a temporary file moved over the old one). A file that cannot be read is set aside as
 * {@code lesson-progress.json.bad} and progress starts empty; a save that fails keeps the
 * progress for this run. Neither throws: both leave a message in {@link #warning()}.
 *
 * <p>File format (steps and quizzes by number: steps 1-based, quizzes and choices 0-based):
 * <pre>
 * {"version": 1, "lessons": {"em-one-step": {"step": 2, "answers": {"2": {"0": 3}}}}}
 * </pre>
 */
public final class LessonProgress {
    /** The file's name in the GenLab folder. */
    public static final String FILE_NAME = "lesson-progress.json";
    private static final int VERSION = 1;

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, Entry> lessons = new TreeMap<>();
    private String warning;

    private static final class Entry {
        int step;
        final Map<Integer, Map<Integer, Integer>> answers = new TreeMap<>();
    }

    /** Reads the progress kept in {@code folder} (usually {@code AppSettings.home()}). */
    public LessonProgress(Path folder) {
        this.file = folder.resolve(FILE_NAME);
        if (Files.exists(file)) {
            try {
                read(json.readTree(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException e) {
                lessons.clear();
                setAside(e);
            }
        }
    }

    /** The last problem reading or saving the file, if any. */
    public synchronized Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    /** The last step (1-based) seen in a lesson. */
    public synchronized OptionalInt step(String lessonId) {
        Entry e = lessons.get(lessonId);
        return e == null || e.step < 1 ? OptionalInt.empty() : OptionalInt.of(e.step);
    }

    /** Records the step (1-based) the user is on, and saves. */
    public synchronized void setStep(String lessonId, int step) {
        if (step < 1) {
            throw new IllegalArgumentException("steps count from 1, got " + step);
        }
        entry(lessonId).step = step;
        save();
    }

    /** The choice (0-based) given to a quiz (0-based) of a step (1-based). */
    public synchronized OptionalInt answer(String lessonId, int step, int quiz) {
        Entry e = lessons.get(lessonId);
        Integer v = e == null ? null : e.answers.getOrDefault(step, Map.of()).get(quiz);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** Records a choice (0-based) for a quiz (0-based) of a step (1-based), and saves. */
    public synchronized void setAnswer(String lessonId, int step, int quiz, int choice) {
        if (step < 1 || quiz < 0 || choice < 0) {
            throw new IllegalArgumentException("step " + step + ", quiz " + quiz + ", choice " + choice);
        }
        entry(lessonId).answers.computeIfAbsent(step, k -> new TreeMap<>()).put(quiz, choice);
        save();
    }

    /** Every answer of a lesson: step → quiz → choice (a copy). */
    public synchronized Map<Integer, Map<Integer, Integer>> answers(String lessonId) {
        Entry e = lessons.get(lessonId);
        Map<Integer, Map<Integer, Integer>> out = new TreeMap<>();
        if (e != null) {
            e.answers.forEach((step, quizzes) -> out.put(step, Collections.unmodifiableMap(new TreeMap<>(quizzes))));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Forgets one lesson's step and answers, and saves. */
    public synchronized void reset(String lessonId) {
        if (lessons.remove(lessonId) != null) {
            save();
        }
    }

    /** Forgets everything, and saves. */
    public synchronized void resetAll() {
        lessons.clear();
        save();
    }

    private Entry entry(String lessonId) {
        return lessons.computeIfAbsent(lessonId, k -> new Entry());
    }

    private void read(JsonNode root) throws IOException {
        if (!root.isObject() || root.path("version").asInt() != VERSION || !root.path("lessons").isObject()) {
            throw new IOException("not a version " + VERSION + " progress file");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("lessons").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> l = it.next();
            Entry e = new Entry();
            JsonNode step = l.getValue().get("step");
            e.step = step == null ? 0 : number(step, 1);
            for (Iterator<Map.Entry<String, JsonNode>> steps = l.getValue().path("answers").fields(); steps.hasNext();) {
                Map.Entry<String, JsonNode> s = steps.next();
                Map<Integer, Integer> quizzes = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> qs = s.getValue().fields(); qs.hasNext();) {
                    Map.Entry<String, JsonNode> q = qs.next();
                    quizzes.put(Integer.parseInt(q.getKey()), number(q.getValue(), 0));
                }
                e.answers.put(Integer.parseInt(s.getKey()), quizzes);
            }
            lessons.put(l.getKey(), e);
        }
    }

    private static int number(JsonNode n, int min) throws IOException {
        if (!n.isInt() || n.asInt() < min) {
            throw new IOException("expected a whole number >= " + min + ", got " + n);
        }
        return n.asInt();
    }

    private void setAside(Exception cause) {
        Path bad = file.resolveSibling(FILE_NAME + ".bad");
        String kept;
        try {
            Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING);
            kept = "it was kept as " + bad.getFileName();
        } catch (IOException | RuntimeException e) {
            kept = "it could not be set aside";
        }
        warning = "lesson progress in " + file + " could not be read (" + cause.getMessage() + "); starting afresh, " + kept;
    }

    private void save() {
        ObjectNode root = json.createObjectNode();
        root.put("version", VERSION);
        ObjectNode all = root.putObject("lessons");
        lessons.forEach((id, e) -> {
            ObjectNode l = all.putObject(id);
            if (e.step > 0) {
                l.put("step", e.step);
            }
            ObjectNode answers = l.putObject("answers");
            e.answers.forEach((step, quizzes) -> {
                ObjectNode s = answers.putObject(Integer.toString(step));
                quizzes.forEach((q, c) -> s.put(Integer.toString(q), c));
            });
        });
        try {
            String text = json.writeValueAsString(root);
            AtomicFiles.writeText(file, w -> w.write(text));
        } catch (IOException | RuntimeException e) {
            warning = "lesson progress could not be saved to " + file + ": " + e.getMessage();
        }
    }
}
