/**
 * Reusable 2-D plotting for GenLab panes.
 *
 * <p>Drawing goes through {@link org.genlab.ui.plot.Painter} (screen pixels, y down) so the same
 * layer code paints on a JavaFX canvas ({@link org.genlab.ui.plot.FxPainter}) or on a
 * {@link java.awt.Graphics2D} ({@link org.genlab.ui.plot.Java2dPainter}, used for PNG/SVG export).
 * A {@link org.genlab.ui.plot.Viewport} maps world coordinates (y up) to the screen. A
 * {@link org.genlab.ui.plot.PlotCanvas} holds a viewport and a list of
 * {@link org.genlab.ui.plot.PlotLayer}s; heavy layers (large scatters, heatmaps) rasterise into a
 * {@link org.genlab.ui.plot.RasterImage} off the FX thread and are shown with one image draw.
 */
package org.genlab.ui.plot;
