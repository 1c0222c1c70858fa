package org.genlab.core.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamSetTest {
    private final ParamSet params = ParamSet.of(
            new Param.Real("noise", "Noise", "sd", 0, 2, 0.1),
            new Param.Int("seed", "Seed", "seed", 0, 1000, 7L),
            new Param.Choice("preset", "Preset", "which", List.of("a", "b"), "a"),
            new Param.Flag("grid", "Grid", "show grid", true));

    @Test
    void convertsEveryKindFromYamlLikeValues() throws ParamException {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("noise", 0.5);
        raw.put("seed", 12);
        raw.put("preset", "b");
        raw.put("grid", "off");
        Map<String, Object> v = params.validate(raw);
        assertThat(v).containsEntry("noise", 0.5).containsEntry("seed", 12L)
                .containsEntry("preset", "b").containsEntry("grid", false);
        assertThat(params.validate(Map.of("seed", 3.0))).containsEntry("seed", 3L);
        assertThat(params.validate(Map.of("noise", "1.5"))).containsEntry("noise", 1.5);
    }

    @Test
    void refusesUnknownNamesAndValuesOutOfRange() {
        assertThatThrownBy(() -> params.validate(Map.of("nosie", 1.0)))
                .isInstanceOf(ParamException.class).hasMessageContaining("nosie: unknown parameter")
                .hasMessageContaining("noise, seed, preset, grid");
        assertThatThrownBy(() -> params.validate(Map.of("noise", 3.0)))
                .hasMessage("noise: 3 is outside the allowed range [0, 2]");
        assertThatThrownBy(() -> params.validate(Map.of("noise", Double.NaN))).hasMessageContaining("outside");
        assertThatThrownBy(() -> params.validate(Map.of("seed", 2.5))).hasMessage("seed: 2.5 is not a whole number");
        assertThatThrownBy(() -> params.validate(Map.of("seed", -1))).hasMessageContaining("outside the allowed range [0, 1000]");
        assertThatThrownBy(() -> params.validate(Map.of("preset", "c"))).hasMessage("preset: 'c' is not one of a, b");
        assertThatThrownBy(() -> params.validate(Map.of("grid", 3))).hasMessageContaining("expected true or false");
        assertThatThrownBy(() -> params.validate(Map.of("noise", "x"))).hasMessage("noise: 'x' is not a number");
    }

    @Test
    void validationIsAllOrNothing() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("noise", 0.5);
        raw.put("seed", -5);
        assertThatThrownBy(() -> params.validate(raw)).isInstanceOf(ParamException.class)
                .extracting(e -> ((ParamException) e).param()).isEqualTo("seed");
    }

    @Test
    void defaultsInDeclarationOrder() {
        assertThat(params.defaults().keySet()).containsExactly("noise", "seed", "preset", "grid");
        assertThat(params.defaults()).containsEntry("seed", 7L);
    }

    @Test
    void declarationsAreChecked() {
        assertThatThrownBy(() -> new Param.Real("x", "x", "", 0, 1, 2.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParamSet.of(new Param.Flag("a", "a", "", true), new Param.Flag("a", "a", "", true)))
                .hasMessageContaining("declared twice");
    }
}
