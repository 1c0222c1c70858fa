package org.genlab.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.genlab.core.data.Dataset2D;
import org.junit.jupiter.api.Test;

/** The 1-D exact flow of Q9 f: velocity, density, the continuity equation, the density grid and trajectories. */
class ExactFlow1DTest {
    private static final double[] POINTS = {-2, 0.5, 1, 3};
    private static final double[] WEIGHTS = {1, 2, 0.5, 1.5};
    private static final ExactFlow1D FLOW = new ExactFlow1D(POINTS, WEIGHTS);

    @Test
    void velocityIsTheConditionalMeanOfX1MinusX0ByBayes() {
        for (double t : new double[] {0, 0.3, 0.7}) {
            for (double x : new double[] {-3, -0.5, 0.8, 2.5}) {
                // E[x1 − x0 | x_t = x], x0 = (x − t x1_i)/(1 − t), density of x0 over the Jacobian 1 − t, plain exponentials
                double num = 0;
                double den = 0;
                for (int i = 0; i < POINTS.length; i++) {
                    double x0 = (x - t * POINTS[i]) / (1 - t);
                    double joint = WEIGHTS[i] * Math.exp(-x0 * x0 / 2) / Math.sqrt(2 * Math.PI) / (1 - t);
                    num += joint * (POINTS[i] - x0);
                    den += joint;
                }
                assertThat(FLOW.velocity(t, x)).as("t=%s x=%s", t, x).isCloseTo(num / den, within(1e-10));
                assertThat(FLOW.density(t, x)).as("t=%s x=%s", t, x).isCloseTo(den / 5, within(1e-12));
            }
        }
    }

    @Test
    void itIsTheXComponentOfThe2dFlowOfTheDataOnTheXAxis() {
        ExactFlow plane = new ExactFlow(Dataset2D.of(POINTS, new double[4], WEIGHTS));
        for (double t : new double[] {0.2, 0.9, 0.999}) {
            for (double x : new double[] {-1, 0.7, 2}) {
                assertThat(FLOW.velocity(t, x)).isCloseTo(plane.velocity(t, x, 0.4)[0], within(1e-9 / (1 - t)));
                assertThat(FLOW.posterior(t, x)).containsExactly(plane.posterior(t, x, -1.3), within(1e-12));
            }
        }
    }

    @Test
    void densityIntegratesToOne() {
        for (double t : new double[] {0, 0.5, 0.95}) {
            double h = 0.001;
            double sum = 0;
            for (double x = -8; x <= 8; x += h) {
                sum += FLOW.density(t, x);
            }
            assertThat(sum * h).as("t=%s", t).isCloseTo(1, within(1e-6));
        }
    }

    @Test
    void continuityResidualIsSmallAgainstTheTimeDerivative() {
        for (double t : new double[] {0, 0.2, 0.5, 0.9}) {
            ContinuityGrid g = Continuity.residual(FLOW, t, -4, 4, 81);
            assertThat(g.ys()).containsExactly(0.0);
            assertThat(g.residual()[0]).hasSize(81);
            assertThat(g.maxAbsDpdt()).isGreaterThan(1e-3);
            assertThat(g.relativeResidual()).as("t=%s", t).isLessThan(1e-5);
        }
        assertThatThrownBy(() -> Continuity.residual(FLOW, 0.5, 1, 1, 10)).hasMessageStartingWith("box: ");
        assertThatThrownBy(() -> Continuity.residual(FLOW, 0.5, 0, 1, 1)).hasMessageStartingWith("nx: ");
    }

    @Test
    void densityGridHoldsTheDensityAtEachTimeAndPlace() {
        double[] ts = {0, 0.5, 0.9};
        double[] xs = {-1, 0, 2};
        double[][] g = FLOW.densityGrid(ts, xs);
        assertThat(g).hasNumberOfRows(3);
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 3; j++) {
                assertThat(g[k][j]).isEqualTo(FLOW.density(ts[k], xs[j]));
            }
        }
    }

    @Test
    void trajectoriesStartAtTheirPointsAndEndOnTheData() {
        double[] x0 = {-1.5, -0.2, 0, 0.4, 2.2};
        double[][] paths = FLOW.trajectories(x0, Solver.EULER, 1000);
        assertThat(paths).hasNumberOfRows(5);
        for (int p = 0; p < x0.length; p++) {
            assertThat(paths[p]).hasSize(1001);
            assertThat(paths[p][0]).isEqualTo(x0[p]);
            double end = paths[p][1000];
            double best = Double.POSITIVE_INFINITY;
            for (double d : POINTS) {
                best = Math.min(best, Math.abs(end - d));
            }
            assertThat(best).isLessThan(1e-2);
        }
        // a 1-D flow keeps the order of particles (paths do not cross)
        for (int p = 1; p < x0.length; p++) {
            assertThat(paths[p][1000]).isGreaterThanOrEqualTo(paths[p - 1][1000]);
        }
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> FLOW.velocity(1, 0)).hasMessageStartingWith("t: ");
        assertThatThrownBy(() -> FLOW.density(Double.NaN, 0)).hasMessageStartingWith("t: ");
        assertThatThrownBy(() -> ExactFlow1D.of()).hasMessageStartingWith("data: ");
        assertThatThrownBy(() -> new ExactFlow1D(new double[] {1}, new double[] {-1})).hasMessageStartingWith("data: ");
        assertThatThrownBy(() -> new ExactFlow1D(new double[] {1, 2}, new double[] {0, 0})).hasMessageStartingWith("data: ");
        assertThat(ExactFlow1D.of(1, 2).velocity(0, 0)).isCloseTo(1.5, within(1e-15));
    }
}
