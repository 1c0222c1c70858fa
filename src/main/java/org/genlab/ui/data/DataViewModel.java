package org.genlab.ui.data;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;

/**
 * The state of the data pane: the data set, the selection, and undo/redo of every edit.
 * Data sets are immutable, so the history is simply the list of earlier data sets. The
 * pane binds to the read-only properties and forwards the user's intent to the methods here;
 * nothing here needs a Stage, so it is tested directly.
 */
public final class DataViewModel {
    /** How many edits undo reaches back. */
    public static final int HISTORY_LIMIT = 500;

    private static final int[] NONE = new int[0];

    private final ReadOnlyObjectWrapper<Dataset2D> data = new ReadOnlyObjectWrapper<>(Dataset2D.EMPTY);
    private final ReadOnlyObjectWrapper<int[]> selection = new ReadOnlyObjectWrapper<>(NONE);
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper lastEdit = new ReadOnlyStringWrapper("");
    private final Deque<Entry> undo = new ArrayDeque<>();
    private final Deque<Entry> redo = new ArrayDeque<>();
    /** The data set when a drag began; null when no drag is under way. */
    private Dataset2D dragStart;

    /** One undoable state: the data set and a short description of the edit that made it. */
    private record Entry(Dataset2D data, String label) {
    }

    public DataViewModel(Dataset2D initial) {
        data.set(initial);
    }

    public ReadOnlyObjectProperty<Dataset2D> dataProperty() {
        return data.getReadOnlyProperty();
    }

    public Dataset2D data() {
        return data.get();
    }

    /** Indices of the selected points, ascending. Never null. */
    public ReadOnlyObjectProperty<int[]> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public int[] selection() {
        return selection.get().clone();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** What the last edit, undo or redo did, in words ("Added a point", "Undo: deleted 3 points"). */
    public ReadOnlyStringProperty lastEditProperty() {
        return lastEdit.getReadOnlyProperty();
    }

    /** Replaces the data with a preset; undoable. */
    public void generate(Preset preset, int n, double noise, long seed) {
        commit(preset.generate(n, noise, seed), "Generated " + preset.id() + " (n = " + n + ", noise = " + noise + ", seed = " + seed + ")");
    }

    /** Replaces the whole data set (an import, a lesson's data); undoable. */
    public void replace(Dataset2D next, String label) {
        commit(next, label);
    }

    public void addPoint(double x, double y) {
        commit(data.get().withPoint(x, y), "Added a point");
        select(new int[] {data.get().size() - 1});
    }

    /** Removes the selected points; undoable. Does nothing when nothing is selected. */
    public void deleteSelected() {
        int[] sel = selection.get();
        if (sel.length == 0) {
            return;
        }
        commit(data.get().withoutPoints(sel), "Deleted " + plural(sel.length, "point"));
    }

    /** Removes one point; undoable. */
    public void deletePoint(int i) {
        commit(data.get().withoutPoints(new int[] {i}), "Deleted a point");
    }

    public void clear() {
        if (data.get().size() > 0) {
            commit(Dataset2D.EMPTY, "Cleared all points");
        }
    }

    /** Starts a drag of the selected points: moves until {@link #endDrag} form one undo step. */
    public void beginDrag() {
        dragStart = data.get();
    }

    /** Moves the selected points to {@code start + (dx, dy)}, from where the drag began. */
    public void dragBy(double dx, double dy) {
        if (dragStart == null) {
            throw new IllegalStateException("dragBy without beginDrag");
        }
        data.set(dragStart.withPointsMoved(selection.get(), dx, dy));
    }

    /** Ends a drag; a drag that moved nothing leaves no undo step. */
    public void endDrag() {
        if (dragStart == null) {
            return;
        }
        Dataset2D before = dragStart;
        dragStart = null;
        if (!before.equals(data.get())) {
            pushUndo(before, "Moved " + plural(selection.get().length, "point"));
        }
    }

    public boolean isDragging() {
        return dragStart != null;
    }

    /** Selects exactly these points (out-of-range indices are ignored). */
    public void select(int[] idx) {
        int n = data.get().size();
        selection.set(Arrays.stream(idx).filter(i -> i >= 0 && i < n).distinct().sorted().toArray());
    }

    /** Adds to or removes from the selection (Ctrl-click). */
    public void toggleSelected(int i) {
        int[] sel = selection.get();
        if (Arrays.binarySearch(sel, i) >= 0) {
            select(Arrays.stream(sel).filter(j -> j != i).toArray());
        } else {
            int[] next = Arrays.copyOf(sel, sel.length + 1);
            next[sel.length] = i;
            select(next);
        }
    }

    /** Selects every point inside the box (world coordinates, corners in any order). */
    public void selectInBox(double x0, double y0, double x1, double y1, boolean add) {
        double lx = Math.min(x0, x1), hx = Math.max(x0, x1), ly = Math.min(y0, y1), hy = Math.max(y0, y1);
        Dataset2D d = data.get();
        int[] inBox = java.util.stream.IntStream.range(0, d.size())
                .filter(i -> d.x(i) >= lx && d.x(i) <= hx && d.y(i) >= ly && d.y(i) <= hy)
                .toArray();
        if (add) {
            int[] both = Arrays.copyOf(selection.get(), selection.get().length + inBox.length);
            System.arraycopy(inBox, 0, both, selection.get().length, inBox.length);
            select(both);
        } else {
            select(inBox);
        }
    }

    public void selectAll() {
        select(java.util.stream.IntStream.range(0, data.get().size()).toArray());
    }

    public void clearSelection() {
        selection.set(NONE);
    }

    public boolean undo() {
        if (undo.isEmpty()) {
            return false;
        }
        Entry e = undo.pop();
        redo.push(new Entry(data.get(), e.label()));
        restore(e.data(), "Undo: " + lower(e.label()));
        return true;
    }

    public boolean redo() {
        if (redo.isEmpty()) {
            return false;
        }
        Entry e = redo.pop();
        undo.push(new Entry(data.get(), e.label()));
        restore(e.data(), "Redo: " + lower(e.label()));
        return true;
    }

    private void commit(Dataset2D next, String label) {
        endDrag();
        Dataset2D before = data.get();
        data.set(next);
        clearSelection();
        pushUndo(before, label);
    }

    private void pushUndo(Dataset2D before, String label) {
        undo.push(new Entry(before, label));
        while (undo.size() > HISTORY_LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        lastEdit.set(label);
        updateFlags();
    }

    private void restore(Dataset2D d, String label) {
        dragStart = null;
        data.set(d);
        clearSelection();
        lastEdit.set(label);
        updateFlags();
    }

    private void updateFlags() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }

    private static String plural(int n, String what) {
        return n == 1 ? "1 " + what : n + " " + what + "s";
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
