package org.genlab.core.flow;

/** Checks of the time argument shared by the flow classes. */
final class FlowTime {
    private FlowTime() {
    }

    /**
     * Returns t if it is in [0, 1).
     *
     * @throws IllegalArgumentException starting with {@code t:} otherwise (t = 1 is refused:
     *     the exact velocity divides by 1 − t)
     */
    static double require(double t) {
        if (!(t >= 0 && t < 1)) {
            throw new IllegalArgumentException("t: must be in [0, 1) (the velocity divides by 1 - t), got " + t);
        }
        return t;
    }
}
