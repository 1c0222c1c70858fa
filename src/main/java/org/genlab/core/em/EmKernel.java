package org.genlab.core.em;

/**
 * The inner loops of the fused EM pass ({@link FusedEm}) over one chunk of points. Two
 * implementations compute the very same bits: {@link ScalarEmKernel}, plain loops that are
 * the reference, and {@code VectorEmKernel} on the Vector API, four points per vector.
 * {@link #best()} picks the vector one when the JVM has {@code jdk.incubator.vector} and
 * 256-bit vectors; everything about that module stays in {@code VectorEmKernel}, which is
 * loaded only after the module is found. Because the two agree bit for bit (same operations
 * in the same order, sums over points kept in {@link #LANES} interleaved partial sums by
 * both), a fit gives the same numbers with or without the module, on any thread count.
 */
interface EmKernel {
    /** Interleaved partial sums per accumulator: point j of a block goes to lane j mod 4. */
    int LANES = 4;
    /** Accumulator slots per component: S0, S1x, S1y, S2xx, S2xy, S2yy. */
    int SLOTS = 6;

    /**
     * The components in centred coordinates: means (mux, muy), log p_z − log 2π − ½ log det Σ_z
     * (ln) and Σ_z⁻¹ as ixx, ixy (twice the off-diagonal), iyy.
     */
    record Components(int k, double[] mux, double[] muy, double[] ln, double[] ixx, double[] ixy, double[] iyy) {
    }

    /**
     * Points [from, to) of the centred data: adds each component's S0, S1, S2 (shifted by its
     * old mean) into {@code acc[z * SLOTS ..]} and returns Σ_i w_i log P(x_i | θ) over the chunk,
     * as described in {@link FusedEm}.
     */
    double chunk(double[] xc, double[] yc, double[] w, int from, int to, Components c, double[] acc);

    /** Whether this is the Vector API implementation. */
    boolean vector();

    /** The kernel this JVM runs fastest: vector when the module is present, else scalar. */
    static EmKernel best() {
        return Selection.BEST;
    }

    /** The scalar kernel (the reference); does not look for the Vector API. */
    static EmKernel scalar() {
        return ScalarEmKernel.INSTANCE;
    }

    /** Lazily chooses once per JVM; prints one line on stderr when it falls back. */
    final class Selection {
        static final EmKernel BEST = choose();

        private Selection() {
        }

        private static EmKernel choose() {
            if ("scalar".equals(System.getProperty("genlab.em.kernels"))) {
                return ScalarEmKernel.INSTANCE;
            }
            String why = "the JVM was started without --add-modules jdk.incubator.vector";
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                try {
                    EmKernel k = (EmKernel) Class.forName("org.genlab.core.em.VectorEmKernel").getDeclaredConstructor().newInstance();
                    if (k.vector()) {
                        return k;
                    }
                    why = "this CPU has no 256-bit vectors";
                } catch (ReflectiveOperationException | LinkageError e) {
                    why = "the Vector API did not load (" + e + ")";
                }
            }
            System.err.println("genlab: EM runs on the slower scalar path: " + why);
            return ScalarEmKernel.INSTANCE;
        }
    }
}
