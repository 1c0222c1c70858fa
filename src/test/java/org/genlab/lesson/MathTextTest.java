package org.genlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MathTextTest {
    @Test
    void mathIsReplacedByTokensAndKeptVerbatim() {
        MathText.Protected p = MathText.protect("Let $x_1 * y_2$ and $$\\frac{a}{b}$$ be *bold*.");
        assertThat(p.markdown()).isEqualTo("Let " + MathText.token(0) + " and " + MathText.token(1) + " be *bold*.");
        assertThat(p.spans()).containsExactly(new MathText.Span("x_1 * y_2", false, 0), new MathText.Span("\\frac{a}{b}", true, 0));
        assertThat(p.unbalanced()).isEmpty();
    }

    @Test
    void escapedDollarIsLiteralAndLeftForMarkdown() {
        MathText.Protected p = MathText.protect("It costs \\$5, and $a \\$ b$ is math.");
        assertThat(p.spans()).extracting(MathText.Span::latex).containsExactly("a \\$ b");
        assertThat(p.markdown()).startsWith("It costs \\$5, and ");
        assertThat(p.unbalanced()).isEmpty();
    }

    @Test
    void noMathInCode() {
        String md = "Use `$HOME` and ``a ` $b$ ``.\n```sh\necho $PATH $x$\n```\nthen $y$";
        MathText.Protected p = MathText.protect(md);
        assertThat(p.spans()).extracting(MathText.Span::latex).containsExactly("y");
        assertThat(p.spans().get(0).line()).isEqualTo(4);
        assertThat(p.markdown()).isEqualTo(md.replace("$y$", MathText.token(0)));
    }

    @Test
    void formulasMayWrapLinesButNotCrossAParagraph() {
        MathText.Protected p = MathText.protect("a $x +\ny$ b\n\n$$\n\\sum_i\n$$\n\nc $d\n\ne$ f");
        assertThat(p.spans()).extracting(MathText.Span::latex).containsExactly("x +\ny", "\n\\sum_i\n");
        assertThat(p.spans()).extracting(MathText.Span::line).containsExactly(0, 3);
        assertThat(p.unbalanced()).containsExactly(7, 9);
    }

    @Test
    void splitAndRestore() {
        MathText.Protected p = MathText.protect("a $x$ b $$y$$");
        assertThat(p.split(p.markdown())).containsExactly("a ", p.spans().get(0), " b ", p.spans().get(1));
        assertThat(p.restore(p.markdown())).isEqualTo("a $x$ b $$y$$");
        assertThat(p.split("plain")).isEqualTo(List.of("plain"));
    }

    @Test
    void texLintCatchesWhatJLaTeXMathForgives() {
        assertThat(MathRenderer.check("\\frac{1}{")).contains("a '{' is never closed");
        assertThat(MathRenderer.check("\\frac{1}")).contains("\\frac needs 2 arguments");
        assertThat(MathRenderer.check("x^")).contains("'^' has nothing after it");
        assertThat(MathRenderer.check("a}")).contains("a '}' closes no '{'");
        assertThat(MathRenderer.check("\\foo")).get().asString().contains("foo");
        assertThat(MathRenderer.check("\\sqrt[3]{x} + \\frac12 + x^\\alpha + \\{a\\}")).isEmpty();
        assertThat(MathRenderer.check("\\frac{1}{nh^d}\\sum_i K\\left(\\frac{x-x^{(i)}}{h}\\right)")).isEmpty();
    }
}
