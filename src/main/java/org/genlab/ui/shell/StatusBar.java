package org.genlab.ui.shell;

import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;
import org.genlab.compute.JobTracker;

/**
 * The line at the bottom of the window: the current pane's message on the left, background
 * work with its progress and a cancel button on the right.
 */
public final class StatusBar {
    private final HBox box = new HBox(12);
    private final Label message = new Label();
    private final Label flash = new Label();
    private final HBox jobsBox = new HBox(8);
    private final Label jobLabel = new Label();
    private final ProgressBar jobProgress = new ProgressBar();
    private final Button cancel = new Button("Cancel");
    private final PauseTransition flashTimer = new PauseTransition(Duration.seconds(6));

    public StatusBar(JobTracker jobs) {
        box.getStyleClass().add("status-bar");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(4, 12, 4, 12));
        message.setId("status-message");
        message.setMaxWidth(Double.MAX_VALUE);
        message.setMinWidth(0);
        HBox.setHgrow(message, Priority.ALWAYS);
        flash.getStyleClass().add("status-flash");
        flash.setId("status-flash");
        flashTimer.setOnFinished(e -> flash.setText(""));
        jobProgress.setPrefWidth(160);
        jobLabel.setId("status-job");
        cancel.setFocusTraversable(false);
        cancel.getStyleClass().addAll("small", "flat");
        cancel.setTooltip(new Tooltip("Stop the background work"));
        jobsBox.setAlignment(Pos.CENTER_RIGHT);
        jobsBox.getChildren().addAll(jobLabel, jobProgress, cancel);
        // The job area keeps its place when empty: showing and hiding it then repaints only
        // itself, not the whole window (costly with the software renderer).
        jobsBox.setVisible(false);
        jobsBox.setMinWidth(360);
        jobsBox.setPrefWidth(360);
        box.getChildren().addAll(message, flash, jobsBox);
        jobs.subscribe(this::showJobs);
    }

    public Node node() {
        return box;
    }

    /** Follows the current pane's message. */
    public void bindMessage(ObservableStringValue text) {
        message.textProperty().bind(text);
    }

    /** A short notice that fades after a few seconds (export done, copied, ...). */
    public void flash(String text) {
        flash.setText(text);
        flashTimer.playFromStart();
    }

    public String flashText() {
        return flash.getText();
    }

    private void showJobs(List<JobTracker.JobInfo> jobs) {
        boolean any = !jobs.isEmpty();
        jobsBox.setVisible(any);
        if (!any) {
            return;
        }
        JobTracker.JobInfo first = jobs.get(0);
        String more = jobs.size() > 1 ? "  (+" + (jobs.size() - 1) + " more)" : "";
        String detail = first.progress().message();
        jobLabel.setText(first.name() + (detail.isEmpty() ? "" : ": " + detail) + more);
        jobProgress.setProgress(first.progress().fraction());
        cancel.setOnAction(e -> first.job().cancel());
    }
}
