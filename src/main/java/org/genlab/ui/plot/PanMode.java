package org.genlab.ui.plot;

/**
 * Which mouse gestures pan a {@link PlotCanvas}. Wheel zoom is independent (see
 * {@link PlotCanvas#setZoomEnabled}).
 */
public enum PanMode {
    /** Drag with any button pans; double-click with the primary button resets the view. Default. */
    ANY_BUTTON,
    /**
     * For editors: only secondary (right) or middle drag, or Shift + primary drag, pans, and a
     * double-click with the middle button resets the view. Plain primary-button events are left
     * entirely to the editor's own handlers.
     */
    SECONDARY,
    /** No panning and no double-click reset. */
    NONE
}
