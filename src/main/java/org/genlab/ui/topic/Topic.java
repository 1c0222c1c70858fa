package org.genlab.ui.topic;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.Node;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.param.ParamSet;
import org.genlab.ui.shell.Shortcut;

/**
 * One pane of GenLab: a topic of the homework with its figure, its controls and its declared
 * parameters. The shell knows panes only through this contract, so adding a pane is adding
 * one implementation and one line in {@link TopicRegistry}.
 *
 * <p>All methods are called on the FX thread. A topic does its compute on the shared pool
 * from its {@link TopicContext} and never blocks the FX thread.
 */
public interface Topic {

    /** Stable lower-case name: {@code data}, {@code em}, ... (the CLI's {@code --pane}). */
    String id();

    /** Title for the navigation and the window. */
    String title();

    /** A few sentences for the side panel: what this pane shows and how to work it. */
    String description();

    /** The main area: the figure and anything drawn around it. */
    Node view();

    /** The control panel, shown beside the view. */
    Node controls();

    /** The node exported as the figure (Ctrl+S, copy, {@code genlab render}). */
    Node figure();

    /** The pane's declared parameters: one list for controls, lessons and state files. */
    ParamSet parameters();

    /**
     * Applies values already checked by {@link ParamSet#validate}; parameters not named keep
     * their current values.
     */
    void apply(Map<String, Object> values);

    /** The current value of every declared parameter, by name. */
    Map<String, Object> values();

    /**
     * Hides the controls of these parameters (a lesson step hides what it wants the student
     * not to touch); every other control is shown.
     */
    void setHiddenControls(java.util.Set<String> names);

    /**
     * Adopts a data set (the data pane's, or a file from the command line). A topic that
     * adopts new data resets its run and says so in {@link #message()}.
     *
     * @return false if this topic does not work on 2-D point data
     */
    default boolean useData(Dataset2D data) {
        return false;
    }

    /**
     * Handles a lecturer key (play, step, reset, undo, ...).
     *
     * @return true if the topic did something with it
     */
    default boolean onShortcut(Shortcut shortcut) {
        return false;
    }

    /**
     * Draws the choices of a lesson quiz marked {@code choices: generated}, from the pane's
     * current state. Only panes registered as generating quizzes are asked.
     *
     * @return empty if the pane cannot make them now (the quiz then says so)
     */
    default java.util.Optional<GeneratedQuiz> generateQuiz() {
        return java.util.Optional.empty();
    }

    /**
     * The pane's own time, if it has one, for animations (EM half-steps, diffusion steps,
     * flow time). Panes without a time cannot be animated.
     */
    default java.util.Optional<PaneTime> time() {
        return java.util.Optional.empty();
    }

    /**
     * The tables this pane can save as CSV now: its data set, its samples, its trajectories,
     * as they are shown. Empty when there is nothing to save.
     */
    default java.util.List<org.genlab.core.io.CsvTable> tables() {
        return java.util.List.of();
    }

    /**
     * Writes what this pane shows beyond its parameter values and its plots' zoom, for a state
     * file: its data set, its place on a timeline, a trained model and its curves, a selected
     * point. Whatever {@link #restoreState} needs to draw the same pixels on a fresh pane.
     */
    default void saveState(org.genlab.core.state.StateWriter extras) {
    }

    /**
     * Restores what {@link #saveState} wrote, on a pane just built, with the state's parameters
     * applied already. Reads and checks every field before changing anything; a field that does
     * not fit throws, naming it (the caller then throws this pane away, and the pane on screen
     * is untouched). Fields it does not know are refused.
     */
    default void restoreState(org.genlab.core.state.StateReader extras) throws org.genlab.core.state.StateException {
        extras.only();
    }

    /** The last thing this topic wants the user to know (shown in the status bar). */
    ReadOnlyStringProperty message();

    /**
     * Completes when everything drawn is up to date (rasters computed off the FX thread
     * included), so a headless render or a test can snapshot a finished figure.
     */
    default CompletableFuture<Void> whenSettled() {
        return CompletableFuture.completedFuture(null);
    }

    /** Cancels the topic's work and releases what it holds. */
    void dispose();
}
