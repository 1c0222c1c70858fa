package org.genlab.core.zoo;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.genlab.core.data.Dataset2D;

/** Fits and reads each {@link ZooKind} through its model class: the one place that knows them all. */
public final class ZooModels {
    /** How a kind is fitted. */
    @FunctionalInterface
    interface Fitter {
        ZooModel fit(Dataset2D data, ZooSettings settings, FitMonitor monitor, Executor executor, int parallelism);
    }

    /** How a kind's payload is read. */
    @FunctionalInterface
    interface Reader {
        ZooModel read(DataInputStream in) throws IOException;
    }

    private static final Map<ZooKind, Fitter> FITTERS = new EnumMap<>(ZooKind.class);
    private static final Map<ZooKind, Reader> READERS = new EnumMap<>(ZooKind.class);

    static {
        register(ZooKind.KDE, Kde::fit, Kde::read);
        register(ZooKind.AR, Autoregressive::fit, Autoregressive::read);
        register(ZooKind.GMM, GmmModel::fit, GmmModel::read);
        register(ZooKind.FLOW, CouplingFlow::fit, CouplingFlow::read);
        register(ZooKind.VAE, VaeModel::fit, VaeModel::read);
        register(ZooKind.DIFFUSION, DiffusionModel::fit, DiffusionModel::read);
    }

    private ZooModels() {
    }

    private static void register(ZooKind kind, Fitter fitter, Reader reader) {
        FITTERS.put(kind, fitter);
        READERS.put(kind, reader);
    }

    /**
     * Fits a model of {@code kind} to {@code data}.
     *
     * @throws IllegalArgumentException if the data or settings do not suit the model (too few
     *     points, for instance); the message starts with the field
     * @throws IllegalStateException if the fit diverged (a loss that is not finite)
     * @throws java.util.concurrent.CancellationException if the monitor cancelled it
     */
    public static ZooModel fit(ZooKind kind, Dataset2D data, ZooSettings settings, FitMonitor monitor,
            Executor executor, int parallelism) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
        if (data.size() < kind.minPoints()) {
            throw new IllegalArgumentException("data: the " + kind.title().toLowerCase(java.util.Locale.ROOT) + " needs at least "
                    + kind.minPoints() + " points, got " + data.size());
        }
        return FITTERS.get(kind).fit(data, settings, monitor == null ? FitMonitor.NONE : monitor, executor, parallelism);
    }

    /** Reads the payload of a model of {@code kind} (the part after {@link ZooFile}'s header). */
    static ZooModel read(ZooKind kind, DataInputStream in) throws IOException {
        return READERS.get(kind).read(in);
    }
}
