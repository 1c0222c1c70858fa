package org.genlab.ui.topic;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import org.genlab.ui.plot.CanvasRegion;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.shell.Shortcut;

/**
 * One view of a pane with several views (the VAE pane's parts of question 3, the zoo's models and logistic views): its figure, its own buttons and readouts, and
 * how it redraws when one of its parameters changes. The pane owns the parameter form; a view
 * reads its values there and writes back what the user drags.
 *
 * <p>Called on the FX thread only. Work that is more than a few closed forms goes through
 * {@link #compute}: it runs on the pool and lands only if no newer request was made meanwhile.
 */
public abstract class PaneView {
    protected final TopicContext context;
    protected final ParamForm form;
    /** The view's buttons and readouts, shown above the parameter form. */
    protected final javafx.scene.layout.VBox controls = new javafx.scene.layout.VBox(8);
    private final String id;
    private final Consumer<String> message;
    private Node figure;
    private List<CanvasRegion> canvases = List.of();
    private long generation;
    private CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);

    /** @param id the view's name (a value of the {@code view} parameter) */
    protected PaneView(String id, TopicContext context, ParamForm form, Consumer<String> message) {
        this.id = id;
        this.context = context;
        this.form = form;
        this.message = message;
    }

    /** Sets the figure and the canvases in it (their redraws are composited on the pool). */
    protected final void setFigure(Node figure, CanvasRegion... canvases) {
        this.figure = figure;
        this.canvases = List.of(canvases);
        for (CanvasRegion c : canvases) {
            c.setComposited(context.pool().executor());
        }
    }

    /** The view's name (a value of the {@code view} parameter). */
    public final String id() {
        return id;
    }

    /** The figure: what is exported and shown in the main area. */
    public final Node figure() {
        return figure;
    }

    /** Buttons and readouts shown above the parameter form. */
    public final Node controls() {
        return controls;
    }

    /** The canvases of the figure shown now (to wait on and redraw before a snapshot). */
    public List<CanvasRegion> canvases() {
        return canvases;
    }

    /** Redraws after {@code changed} (a parameter name) changed; null redraws everything. */
    public abstract void refresh(String changed);

    /** The text the view shows (for tests and the status line). */
    public abstract String readout();

    /** A lecturer key; true if the view used it. */
    public boolean onShortcut(Shortcut s) {
        return false;
    }

    /** Stops animations and background work (leaving the view). */
    public void stop() {
    }

    /** Stops everything for good (the pane is closing): nothing computed later is shown. */
    public void dispose() {
        stop();
        invalidate();
    }

    protected final void say(String text) {
        message.accept(text);
    }

    protected final long integer(String name) {
        return (Long) form.value(name);
    }

    protected final double real(String name) {
        return (Double) form.value(name);
    }

    protected final String choice(String name) {
        return (String) form.value(name);
    }

    protected final long seed() {
        return integer("seed");
    }

    /**
     * Runs {@code work} on the pool and hands its result to {@code show} on the FX thread, unless a
     * newer {@link #compute} was asked for meanwhile. A failure is shown as a message naming
     * {@code what}; nothing drawn changes.
     */
    protected final <T> void compute(String what, Supplier<T> work, Consumer<T> show) {
        long gen = ++generation;
        ready = CompletableFuture.supplyAsync(work, context.pool().executor()).handleAsync((result, err) -> {
            if (gen != generation) {
                return null;
            }
            if (err != null) {
                Throwable cause = err.getCause() != null ? err.getCause() : err;
                say("Could not compute " + what + ": " + cause.getMessage());
            } else {
                try {
                    show.accept(result);
                } catch (RuntimeException e) {
                    // a bug in drawing must not leave whenSettled failed or the pane silent
                    java.util.logging.Logger.getLogger(PaneView.class.getName()).log(java.util.logging.Level.WARNING,
                            "showing " + what + " failed", e);
                    say("Could not show " + what + ": " + e);
                }
            }
            return null;
        }, context.uiExecutor());
    }

    /**
     * Like {@link #compute}, but as a job in the status bar with progress and Cancel, for work
     * that can take seconds. A newer request cancels the older job.
     */
    protected final <T> void computeJob(String name, org.genlab.compute.JobTask<T> work, Consumer<T> show) {
        long gen = ++generation;
        if (job != null) {
            job.cancel();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        ready = done;
        job = org.genlab.compute.ComputeJob.<T>builder(name, work)
                .tracker(context.jobs())
                .onSuccess(r -> {
                    if (gen == generation) {
                        show.accept(r);
                    }
                    done.complete(null);
                })
                .onFailure(e -> {
                    if (gen == generation) {
                        say("Could not compute " + name.toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage());
                    }
                    done.complete(null);
                })
                .onCancelled(() -> done.complete(null))
                .start(context.pool().executor(), context.uiExecutor());
    }

    private org.genlab.compute.ComputeJob<?> job;

    /** Cancels the job started by {@link #computeJob}, if one runs. */
    protected final void cancelJob() {
        if (job != null) {
            job.cancel();
        }
    }

    /** Forgets any computation under way (its result will not be shown). */
    protected final void invalidate() {
        generation++;
        ready = CompletableFuture.completedFuture(null);
    }

    /** Completes when the newest computation has been shown and every canvas has drawn it. */
    public CompletableFuture<Void> whenSettled() {
        return settledCompute().orTimeout(60, TimeUnit.SECONDS).thenComposeAsync(v -> {
            CompletableFuture<?>[] all = canvases().stream()
                    .map(c -> c instanceof PlotCanvas p ? p.whenSettled() : CompletableFuture.completedFuture(null))
                    .toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(all);
        }, context.uiExecutor()).thenRunAsync(() -> canvases().forEach(CanvasRegion::redrawNow), context.uiExecutor());
    }

    private CompletableFuture<Void> settledCompute() {
        CompletableFuture<Void> f = ready;
        return f.thenComposeAsync(v -> f == ready ? CompletableFuture.completedFuture(null) : settledCompute(),
                context.uiExecutor());
    }

    /** The tables this view can save as CSV now (see {@link Topic#tables()}); none by default. */
    public List<org.genlab.core.io.CsvTable> tables() {
        return List.of();
    }

    /** The view's own time for animations (see {@link Topic#time()}); none by default. */
    public java.util.Optional<PaneTime> time() {
        return java.util.Optional.empty();
    }

    /** What this view shows beyond its parameters, for a state file (see {@link Topic#saveState}). */
    public void saveState(org.genlab.core.state.StateWriter extras) {
    }

    /** Restores what {@link #saveState} wrote (see {@link Topic#restoreState}); refuses fields it does not know. */
    public void restoreState(org.genlab.core.state.StateReader extras) throws org.genlab.core.state.StateException {
        extras.only();
    }
}
