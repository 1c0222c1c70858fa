package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * SVG export of every pane: the file is XML with real shapes and text, and rasterised by an
 * independent SVG renderer (Batik) it looks like the PNG of the same settled figure.
 */
class SvgExportTest {
    private static final int W = 900, H = 600;
    private static final List<String> SHAPES = List.of("path", "line", "rect", "circle", "ellipse", "polygon", "polyline");

    @TempDir
    static Path dir;

    /** Per pane: the SVG and the PNG of one settled figure. */
    private static final Map<String, Path[]> FILES = new HashMap<>();

    @BeforeAll
    static void renderEveryPane() throws Exception {
        for (String pane : TopicRegistry.names().split(", ")) {
            Path svg = dir.resolve(pane + ".svg"), png = dir.resolve(pane + ".png");
            HeadlessRenderer.Request req = new HeadlessRenderer.Request(pane, List.of(), null, null, java.util.Map.of(), W, H, 1, "svg", svg);
            HeadlessRenderer.withSettledPane(req, root -> {
                HeadlessRenderer.write(root, "svg", 1, svg);
                return HeadlessRenderer.write(root, "png", 1, png);
            });
            FILES.put(pane, new Path[] {svg, png});
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "em", "diffusion", "flow", "vae", "zoo"})
    void everyPaneIsVectorSvgThatLooksLikeItsPng(String pane) throws Exception {
        Path[] f = FILES.get(pane);
        Document doc = parse(f[0]);
        Element svg = doc.getDocumentElement();
        assertThat(svg.getTagName()).isEqualTo("svg");
        assertThat(Double.parseDouble(svg.getAttribute("width"))).isEqualTo(W);
        assertThat(shapes(doc)).as("vector shapes in %s", pane).isGreaterThan(20);
        assertThat(texts(doc)).as("text elements in %s", pane).hasSizeGreaterThan(5);

        BufferedImage raster = rasterise(f[0]);
        BufferedImage png = ImageIO.read(f[1].toFile());
        assertThat(raster.getWidth()).isEqualTo(png.getWidth());
        assertThat(raster.getHeight()).isEqualTo(png.getHeight());
        assertThat(difference(raster, png)).as("SVG against PNG of %s", pane).isLessThan(0.006); // measured 0.0003-0.0032
    }

    @Test
    void theEmFigureHasItsPointsEllipsesAndAxesAsShapesAndItsLabelsAsText() throws Exception {
        Document doc = parse(FILES.get("em")[0]);
        // 200 points, two 1-sd circles, the axes, ticks and the chart's curves
        assertThat(count(doc, "ellipse") + count(doc, "circle")).isGreaterThanOrEqualTo(200);
        assertThat(shapes(doc)).isGreaterThanOrEqualTo(250);
        List<String> text = texts(doc);
        assertThat(text).contains("x₁", "x₂", "half-step", "log-likelihood ℓ(θ)");
        assertThat(text).anyMatch(s -> s.startsWith("z = 1, p = "));
    }

    @Test
    void theComparisonTellsDifferentFiguresApart() throws Exception {
        // the bound above means something: two different figures are far above it
        assertThat(difference(rasterise(FILES.get("em")[0]), ImageIO.read(FILES.get("diffusion")[1].toFile())))
                .isGreaterThan(0.05);
    }

    @Test
    void heatmapsAreEmbeddedImages() throws Exception {
        // the zoo's six densities and the diffusion pane's q_t are rasters on screen and in the file
        assertThat(count(parse(FILES.get("zoo")[0]), "image")).isGreaterThanOrEqualTo(6);
        assertThat(count(parse(FILES.get("diffusion")[0]), "image")).isGreaterThanOrEqualTo(1);
    }

    // ---- helpers ------------------------------------------------------------------------------

    static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        // JFreeSVG writes the SVG 1.1 DOCTYPE; the test must not fetch its DTD from the web
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(svg.toFile());
    }

    static int count(Document doc, String tag) {
        return doc.getElementsByTagName(tag).getLength();
    }

    static int shapes(Document doc) {
        return SHAPES.stream().mapToInt(t -> count(doc, t)).sum();
    }

    static List<String> texts(Document doc) {
        NodeList list = doc.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add(list.item(i).getTextContent());
        }
        return out;
    }

    static BufferedImage rasterise(Path svg) throws Exception {
        PNGTranscoder t = new PNGTranscoder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(svg)) {
            t.transcode(new TranscoderInput(in), new TranscoderOutput(bytes));
        }
        return ImageIO.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    }

    /**
     * Mean absolute difference in [0, 1] of the two images averaged over 4x4 blocks (on white):
     * antialiasing and a font's hinting move single pixels; a missing or misplaced shape, label
     * or colour moves whole blocks.
     */
    static double difference(BufferedImage a, BufferedImage b) {
        int bs = 4, w = Math.min(a.getWidth(), b.getWidth()) / bs, h = Math.min(a.getHeight(), b.getHeight()) / bs;
        double sum = 0;
        for (int by = 0; by < h; by++) {
            for (int bx = 0; bx < w; bx++) {
                double[] ca = block(a, bx * bs, by * bs, bs), cb = block(b, bx * bs, by * bs, bs);
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(ca[c] - cb[c]);
                }
            }
        }
        return sum / (3.0 * w * h * 255);
    }

    private static double[] block(BufferedImage img, int x0, int y0, int bs) {
        double[] c = new double[3];
        for (int y = y0; y < y0 + bs; y++) {
            for (int x = x0; x < x0 + bs; x++) {
                int argb = img.getRGB(x, y);
                double alpha = (argb >>> 24) / 255.0;
                for (int k = 0; k < 3; k++) {
                    int v = (argb >> (16 - 8 * k)) & 0xFF;
                    c[k] += alpha * v + (1 - alpha) * 255; // over white
                }
            }
        }
        for (int k = 0; k < 3; k++) {
            c[k] /= bs * bs;
        }
        return c;
    }
}
