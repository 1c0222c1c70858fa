package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateFile;
import org.genlab.export.GifWriterTest;
import org.genlab.testing.BadStates;
import org.genlab.testing.CliCommandTest;
import org.junit.jupiter.api.Test;

/**
 * {@code genlab state save/check/diff} and {@code render/animate --state}: a state saved
 * headless checks, renders the same figure as the pane it came from, animates, and compares;
 * every bad file of the corpus exits 2 with its place and reason and writes nothing.
 */
class StateCommandTest extends CliCommandTest {

    @Test
    void aSavedStateChecksAndRendersTheFigureOfThePaneItCameFrom() throws Exception {
        Path state = dir.resolve("em3.genlab.json");
        assertThat(run("state", "save", "--pane", "em", "--seed", "4", "--set", "k=3", "--set", "iterations=5",
                "--note", "three components", "--out", state.toString())).isZero();
        assertThat(err).contains("wrote the state of pane 'em'");
        PaneState s = StateFile.read(state);
        assertThat(s.params()).containsEntry("k", 3L).containsEntry("seed", 4L).containsEntry("iterations", 5L);
        assertThat(s.note()).isEqualTo("three components");

        assertThat(run("state", "check", state.toString())).isZero();
        JsonNode j = json();
        assertThat(j.get("pane").asText()).isEqualTo("em");
        assertThat(j.get("version").asInt()).isEqualTo(StateFile.VERSION);
        assertThat(j.get("plots").asInt()).isEqualTo(1);
        assertThat(j.get("note").asText()).isEqualTo("three components");

        Path fromState = dir.resolve("a.png"), fromPane = dir.resolve("b.png");
        assertThat(run("render", "--state", state.toString(), "--size", "600x400", "--out", fromState.toString())).isZero();
        assertThat(err).contains("(state " + state + ")");
        assertThat(run("render", "--pane", "em", "--seed", "4", "--set", "k=3", "--set", "iterations=5", "--size", "600x400",
                "--out", fromPane.toString())).isZero();
        BufferedImage a = ImageIO.read(fromState.toFile()), b = ImageIO.read(fromPane.toFile());
        assertThat(SvgExportTest.difference(a, b)).isZero();
    }

    @Test
    void aStateAnimatesAlongItsPanesTime() throws Exception {
        Path state = dir.resolve("d.genlab.json"), gif = dir.resolve("d.gif");
        assertThat(run("state", "save", "--pane", "diffusion", "--out", state.toString())).isZero();
        assertThat(run("animate", "--state", state.toString(), "--from", "0", "--to", "100", "--frames", "3", "--size", "300x200",
                "--out", gif.toString())).isZero();
        assertThat(GifWriterTest.read(gif).frames()).hasSize(3);
    }

    @Test
    void aLessonStepSavesAsThePaneTheStudentReaches() throws Exception {
        Path state = dir.resolve("lesson.genlab.json");
        assertThat(run("state", "save", "--lesson", "em-one-step", "--step", "2", "--out", state.toString())).isZero();
        assertThat(StateFile.read(state).pane()).isEqualTo("em");
        assertThat(run("state", "check", state.toString())).isZero();
    }

    @Test
    void aLessonStepWithAStateRendersFromThatStateWithTheStepOnTop() throws Exception {
        Path lessons = dir.resolve("lessons"), states = lessons.resolve("states");
        Files.createDirectories(states);
        Path prepared = states.resolve("three.genlab.json");
        assertThat(run("state", "save", "--pane", "em", "--seed", "7", "--set", "k=3", "--out", prepared.toString())).isZero();
        Files.writeString(lessons.resolve("prepared.md"), "---\nid: prepared\ntitle: Prepared\ntopic: em\n---\n## First\ntext\n"
                + "## Second\n```genlab\nstate: states/three.genlab.json\niterations: 4\n```\nmore\n");
        Path fromLesson = dir.resolve("l.png"), fromPane = dir.resolve("p.png");
        assertThat(run("render", "--lessons", lessons.toString(), "--lesson", "prepared", "--step", "2", "--size", "500x400",
                "--out", fromLesson.toString())).isZero();
        assertThat(run("render", "--pane", "em", "--seed", "7", "--set", "k=3", "--set", "iterations=4", "--size", "500x400",
                "--out", fromPane.toString())).isZero();
        assertThat(SvgExportTest.difference(ImageIO.read(fromLesson.toFile()), ImageIO.read(fromPane.toFile()))).isZero();
        Path saved = dir.resolve("saved.genlab.json");
        assertThat(run("state", "save", "--lessons", lessons.toString(), "--lesson", "prepared", "--step", "2", "--out",
                saved.toString())).isZero();
        assertThat(StateFile.read(saved).params()).containsEntry("k", 3L).containsEntry("seed", 7L).containsEntry("iterations", 4L);
    }

    @Test
    void diffListsTheParametersThatDiffer() throws Exception {
        Path a = dir.resolve("a.genlab.json"), b = dir.resolve("b.genlab.json"), f = dir.resolve("f.genlab.json");
        assertThat(run("state", "save", "--pane", "em", "--out", a.toString())).isZero();
        assertThat(run("state", "save", "--pane", "em", "--set", "k=4", "--out", b.toString())).isZero();
        assertThat(run("state", "diff", a.toString(), b.toString())).isZero();
        assertThat(out.lines()).containsExactly("k: 2 → 4");
        assertThat(run("state", "diff", a.toString(), a.toString())).isZero();
        assertThat(out).isEmpty();
        assertThat(err).contains("the two states are the same");
        assertThat(run("state", "save", "--pane", "flow", "--out", f.toString())).isZero();
        assertThat(run("state", "diff", a.toString(), f.toString())).isEqualTo(2);
        assertThat(err).contains("only states of one pane compare");
    }

    @Test
    void everyBadFileOfTheCorpusExitsTwoWithItsPlaceAndReason() {
        for (BadStates.Entry bad : BadStates.all()) {
            assertThat(run("state", "check", bad.path().toString())).as(bad.file()).isEqualTo(2);
            String where = bad.where().isEmpty() ? bad.file() : bad.file() + ", " + bad.where();
            assertThat(err).as(bad.file()).startsWith("genlab state check: " + where + ": ").contains(bad.reason());
            assertThat(out).as(bad.file()).isEmpty();
        }
    }

    @Test
    void renderRefusesABadStateAndWhatConflictsWithOne() throws Exception {
        Path png = dir.resolve("x.png");
        BadStates.Entry bad = BadStates.all().stream().filter(e -> e.file().equals("param-out-of-range.genlab.json")).findFirst().orElseThrow();
        assertThat(run("render", "--state", bad.path().toString(), "--out", png.toString())).isEqualTo(2);
        assertThat(err).contains("--state " + bad.path() + ", params.k: 1000 is outside");
        Path good = dir.resolve("g.genlab.json");
        assertThat(run("state", "save", "--pane", "em", "--out", good.toString())).isZero();
        for (String[] extra : new String[][] {{"--pane", "em"}, {"--lesson", "x"}, {"--seed", "1"}, {"--data", "two-point"}}) {
            assertThat(run("render", "--state", good.toString(), extra[0], extra[1], "--out", png.toString())).as(extra[0]).isEqualTo(2);
            assertThat(err).contains("--state and " + extra[0] + " do not go together");
        }
        assertThat(run("render", "--state", dir.resolve("missing.genlab.json").toString(), "--out", png.toString())).isEqualTo(2);
        assertThat(err).contains("missing.genlab.json: no such file");
        assertThat(Files.exists(png)).isFalse();
        assertThat(run("state", "save", "--pane", "nope", "--out", dir.resolve("n.genlab.json").toString())).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("n.genlab.json"))).isFalse();
        assertThat(run("state")).isEqualTo(2);
        assertThat(run("state", "--help")).isZero();
    }
}
