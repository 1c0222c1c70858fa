package org.genlab.ui.topic;

import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.core.data.Dataset2D;

/**
 * The services the shell hands every pane: the shared compute pool, the executor that
 * brings results to the FX thread, the tracker of background jobs shown in the status bar,
 * and the data pane's current data set (read by other panes only when the user asks to
 * "use the data pane's data").
 */
public final class TopicContext {
    private final ComputePool pool;
    private final Executor uiExecutor;
    private final JobTracker jobs;
    private final ObjectProperty<Dataset2D> sharedData = new SimpleObjectProperty<>(Dataset2D.EMPTY);

    public TopicContext(ComputePool pool, Executor uiExecutor, JobTracker jobs) {
        this.pool = Objects.requireNonNull(pool);
        this.uiExecutor = Objects.requireNonNull(uiExecutor);
        this.jobs = Objects.requireNonNull(jobs);
    }

    public ComputePool pool() {
        return pool;
    }

    /** Runs a task on the FX thread ({@code Platform::runLater} in the application). */
    public Executor uiExecutor() {
        return uiExecutor;
    }

    public JobTracker jobs() {
        return jobs;
    }

    /** The data pane's data set; the data pane writes it, other panes read it on request. */
    public ObjectProperty<Dataset2D> sharedData() {
        return sharedData;
    }
}
