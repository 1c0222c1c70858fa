package org.genlab.ui.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.junit.jupiter.api.Test;

class DataViewModelTest {
    private static Dataset2D three() {
        return Dataset2D.of(new double[] {0, 1, 2}, new double[] {0, 1, 4});
    }

    @Test
    void addDeleteUndoRedo() {
        DataViewModel vm = new DataViewModel(three());
        assertThat(vm.canUndoProperty().get()).isFalse();
        vm.addPoint(5, 5);
        assertThat(vm.data().size()).isEqualTo(4);
        assertThat(vm.selection()).containsExactly(3);
        vm.select(new int[] {0, 2});
        vm.deleteSelected();
        assertThat(vm.data()).isEqualTo(Dataset2D.of(new double[] {1, 5}, new double[] {1, 5}));
        assertThat(vm.lastEditProperty().get()).isEqualTo("Deleted 2 points");

        assertThat(vm.undo()).isTrue();
        assertThat(vm.data().size()).isEqualTo(4);
        assertThat(vm.lastEditProperty().get()).isEqualTo("Undo: deleted 2 points");
        assertThat(vm.undo()).isTrue();
        assertThat(vm.data()).isEqualTo(three());
        assertThat(vm.undo()).isFalse();
        assertThat(vm.canRedoProperty().get()).isTrue();

        assertThat(vm.redo()).isTrue();
        assertThat(vm.redo()).isTrue();
        assertThat(vm.data().size()).isEqualTo(2);
        assertThat(vm.redo()).isFalse();
    }

    @Test
    void aNewEditClearsRedo() {
        DataViewModel vm = new DataViewModel(three());
        vm.addPoint(1, 1);
        vm.undo();
        vm.addPoint(2, 2);
        assertThat(vm.canRedoProperty().get()).isFalse();
        assertThat(vm.data().x(3)).isEqualTo(2);
    }

    @Test
    void aDragIsOneUndoStepAndMovesFromItsStart() {
        DataViewModel vm = new DataViewModel(three());
        vm.select(new int[] {1});
        vm.beginDrag();
        vm.dragBy(0.5, 0);
        vm.dragBy(1.0, -1.0);
        vm.endDrag();
        assertThat(vm.data().x(1)).isEqualTo(2.0);
        assertThat(vm.data().y(1)).isEqualTo(0.0);
        assertThat(vm.data().x(0)).isEqualTo(0.0);
        assertThat(vm.lastEditProperty().get()).isEqualTo("Moved 1 point");
        vm.undo();
        assertThat(vm.data()).isEqualTo(three());
        assertThat(vm.canUndoProperty().get()).isFalse();
    }

    @Test
    void aDragThatMovesNothingLeavesNoUndoStep() {
        DataViewModel vm = new DataViewModel(three());
        vm.select(new int[] {0});
        vm.beginDrag();
        vm.dragBy(0, 0);
        vm.endDrag();
        assertThat(vm.canUndoProperty().get()).isFalse();
    }

    @Test
    void boxSelectionAndToggle() {
        DataViewModel vm = new DataViewModel(three());
        vm.selectInBox(1.5, 1.5, -1, -0.5, false);
        assertThat(vm.selection()).containsExactly(0, 1);
        vm.selectInBox(1.9, 3.9, 2.1, 4.1, true);
        assertThat(vm.selection()).containsExactly(0, 1, 2);
        vm.toggleSelected(1);
        assertThat(vm.selection()).containsExactly(0, 2);
        vm.toggleSelected(1);
        assertThat(vm.selection()).containsExactly(0, 1, 2);
        vm.select(new int[] {7, -1, 2, 2});
        assertThat(vm.selection()).containsExactly(2);
    }

    @Test
    void generateIsUndoableAndReproducible() {
        DataViewModel vm = new DataViewModel(three());
        vm.generate(Preset.TWO_MOONS, 100, 0.05, 3);
        Dataset2D first = vm.data();
        assertThat(first.size()).isEqualTo(100);
        vm.generate(Preset.TWO_MOONS, 100, 0.05, 3);
        assertThat(vm.data()).isEqualTo(first);
        vm.undo();
        vm.undo();
        assertThat(vm.data()).isEqualTo(three());
    }

    @Test
    void historyIsBounded() {
        DataViewModel vm = new DataViewModel(Dataset2D.EMPTY);
        for (int i = 0; i < DataViewModel.HISTORY_LIMIT + 20; i++) {
            vm.addPoint(i, i);
        }
        int undone = 0;
        while (vm.undo()) {
            undone++;
        }
        assertThat(undone).isEqualTo(DataViewModel.HISTORY_LIMIT);
        assertThat(vm.data().size()).isEqualTo(20);
    }
}
