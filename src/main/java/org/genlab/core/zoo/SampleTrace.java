package org.genlab.core.zoo;

import java.util.List;
import java.util.Objects;

/**
 * One sample drawn by a model's own procedure, stage by stage, for the card that shows "how a
 * sample is drawn" (the homework's question 1 b). Every stage is in data coordinates.
 *
 * @param stages the stages in order; the last one's point is the sample
 */
public record SampleTrace(List<Stage> stages) {
    public SampleTrace {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("stages: a trace has at least one stage");
        }
    }

    /** The sample: the last stage's point. */
    public double[] sample() {
        Stage last = stages.get(stages.size() - 1);
        return new double[] {last.x(), last.y()};
    }

    /**
     * One stage of drawing a sample.
     *
     * @param caption what happened, in words and numbers ("picked data point 17 of 2000 at (0.31, -1.20)")
     * @param x       the point reached at this stage (for a {@link Mark#VERTICAL_LINE}, its x; y is NaN)
     * @param y       likewise
     * @param pathX   the path from the previous stage's point to this one (may be empty), x coordinates
     * @param pathY   its y coordinates, as many as pathX
     * @param mark    how the point is drawn
     */
    public record Stage(String caption, double x, double y, double[] pathX, double[] pathY, Mark mark) {
        public Stage {
            Objects.requireNonNull(caption, "caption");
            Objects.requireNonNull(mark, "mark");
            pathX = pathX == null ? new double[0] : pathX.clone();
            pathY = pathY == null ? new double[0] : pathY.clone();
            if (pathX.length != pathY.length) {
                throw new IllegalArgumentException("path: " + pathX.length + " x values but " + pathY.length + " y values");
            }
        }

        /** A stage at a point with no path. */
        public static Stage at(String caption, double x, double y, Mark mark) {
            return new Stage(caption, x, y, null, null, mark);
        }

        @Override
        public double[] pathX() {
            return pathX.clone();
        }

        @Override
        public double[] pathY() {
            return pathY.clone();
        }
    }

    /** How a stage's point is drawn. */
    public enum Mark {
        /** A point the procedure picked (a data point, a component mean): a ring. */
        PICKED,
        /** A point of the base or latent distribution mapped into the plane: a hollow square. */
        LATENT,
        /** The value x1 = x drawn first by the autoregressive model: a vertical line. */
        VERTICAL_LINE,
        /** The sample itself: a filled dot. */
        SAMPLE
    }
}
