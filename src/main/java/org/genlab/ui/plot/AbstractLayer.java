package org.genlab.ui.plot;

import java.util.ArrayList;
import java.util.List;

/** Visibility, repaint listener and legend entries shared by the concrete layers. */
public abstract class AbstractLayer implements PlotLayer {
    private volatile boolean visible = true;
    private volatile Runnable repaintListener;
    private volatile List<LegendEntry> legend = List.of();

    @Override
    public boolean isVisible() {
        return visible;
    }

    @Override
    public void setVisible(boolean visible) {
        this.visible = visible;
        requestRepaint();
    }

    @Override
    public void setRepaintListener(Runnable listener) {
        this.repaintListener = listener;
    }

    /** Asks the owner to repaint; safe from any thread. */
    protected void requestRepaint() {
        Runnable r = repaintListener;
        if (r != null) {
            r.run();
        }
    }

    @Override
    public List<LegendEntry> legendEntries() {
        return legend;
    }

    /** Replaces this layer's legend entries. */
    public void setLegendEntries(List<LegendEntry> entries) {
        this.legend = List.copyOf(entries);
        requestRepaint();
    }

    /** Adds one legend entry. */
    public void addLegendEntry(LegendEntry entry) {
        List<LegendEntry> l = new ArrayList<>(legend);
        l.add(entry);
        setLegendEntries(l);
    }
}
