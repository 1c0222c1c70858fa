package org.genlab.lesson;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * Renders LaTeX to images with JLaTeXMath (works headless). Images are drawn at {@link #SCALE}
 * times the logical size for crisp text on high-density screens and projectors; the logical
 * size is what a view should display. A formula that does not parse gives a visible marker
 * (its source in a red box with a warning sign) and {@code ok = false}; this class never
 * throws for bad input. Renders are cached (least recently used first out); the class is
 * thread-safe.
 */
public final class MathRenderer {
    /** Pixels drawn per logical pixel. */
    public static final float SCALE = 2f;
    private static final Object TEX_LOCK = new Object();
    private static final int MARKER_RED = 0xFFD55E00; // Okabe-Ito vermillion

    /**
     * A rendered formula.
     *
     * @param image  the picture, {@code scale} times the logical size, transparent background
     * @param width  logical width in pixels
     * @param height logical height in pixels (ascent plus depth)
     * @param depth  logical pixels below the baseline: align the image's bottom this far under
     *               the surrounding text's baseline
     * @param scale  image pixels per logical pixel
     * @param ok     false if the formula did not parse and {@code image} is the marker
     * @param error  the parse error when {@code ok} is false, else empty
     */
    public record Rendered(BufferedImage image, double width, double height, double depth, double scale, boolean ok,
            Optional<String> error) {
        /** Logical pixels from the image's top to the baseline. */
        public double ascent() {
            return height - depth;
        }
    }

    private record Key(String latex, boolean display, float size, int argb) {
    }

    private final Map<Key, Rendered> cache;

    /** A renderer caching the 256 most recently used formulas. */
    public MathRenderer() {
        this(256);
    }

    /** A renderer caching at most {@code capacity} formulas. */
    public MathRenderer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Rendered> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * What is wrong with a formula, or empty if it is fine: JLaTeXMath's parse error, or a slip
     * JLaTeXMath would forgive and draw as something else (an unclosed brace, a missing
     * argument).
     */
    public static Optional<String> check(String latex) {
        Optional<String> slip = TexLint.check(latex);
        if (slip.isPresent()) {
            return slip;
        }
        try {
            synchronized (TEX_LOCK) {
                new TeXFormula(latex);
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(messageOf(e));
        }
    }

    /**
     * Renders a formula (cached).
     *
     * @param latex   the source between the dollars
     * @param display true for display style ({@code $$...$$}), false for text style
     * @param sizePx  the logical font size in pixels
     * @param argb    the colour, 0xAARRGGBB
     */
    public Rendered render(String latex, boolean display, float sizePx, int argb) {
        Key key = new Key(latex, display, sizePx, argb);
        synchronized (cache) {
            Rendered hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        Rendered r = draw(key);
        synchronized (cache) {
            cache.put(key, r);
        }
        return r;
    }

    /** How many renders the cache holds now. */
    public int cacheSize() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private static Rendered draw(Key key) {
        Optional<String> slip = TexLint.check(key.latex());
        if (slip.isPresent()) {
            return marker(key, slip.get());
        }
        try {
            synchronized (TEX_LOCK) {
                return tex(key);
            }
        } catch (RuntimeException e) {
            return marker(key, messageOf(e));
        }
    }

    private static Rendered tex(Key key) {
        TeXFormula formula = new TeXFormula(key.latex());
        int style = key.display() ? TeXConstants.STYLE_DISPLAY : TeXConstants.STYLE_TEXT;
        TeXIcon icon = formula.createTeXIcon(style, key.size() * SCALE);
        icon.setInsets(new Insets(1, 1, 1, 1));
        icon.setForeground(new Color(key.argb(), true));
        int w = Math.max(1, icon.getIconWidth());
        int h = Math.max(1, icon.getIconHeight());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            antialias(g);
            icon.paintIcon(null, g, 0, 0);
        } finally {
            g.dispose();
        }
        // The icon's depth excludes the bottom inset, which sits below the baseline too.
        double depth = (icon.getIconDepth() + icon.getInsets().bottom) / SCALE;
        return new Rendered(img, w / SCALE, h / SCALE, depth, SCALE, true, Optional.empty());
    }

    /** The source in a red box behind a warning triangle: never raw TeX passed off as math. */
    private static Rendered marker(Key key, String error) {
        float px = key.size() * SCALE;
        Font font = new Font(Font.MONOSPACED, Font.PLAIN, Math.max(1, Math.round(px * 0.85f)));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        pg.dispose();
        int pad = Math.round(px * 0.2f);
        int sign = fm.getAscent();
        int text = fm.stringWidth(key.latex());
        int w = pad + sign + pad + text + pad;
        int h = fm.getAscent() + fm.getDescent() + 2 * pad;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            antialias(g);
            Color red = new Color(MARKER_RED, true);
            g.setColor(new Color(0x22D55E00, true));
            g.fillRect(0, 0, w, h);
            g.setColor(red);
            g.setStroke(new BasicStroke(Math.max(1f, SCALE)));
            g.drawRect(1, 1, w - 2, h - 2);
            int top = pad;
            Polygon triangle = new Polygon(new int[] {pad, pad + sign / 2, pad + sign},
                    new int[] {top + sign, top, top + sign}, 3);
            g.fill(triangle);
            g.setColor(Color.WHITE);
            int cx = pad + sign / 2;
            g.fillRect(cx - 1, top + sign / 3, 2, sign / 3);
            g.fillRect(cx - 1, top + sign * 3 / 4, 2, 2);
            g.setColor(red);
            g.setFont(font);
            g.drawString(key.latex(), pad + sign + pad, pad + fm.getAscent());
        } finally {
            g.dispose();
        }
        double depth = (fm.getDescent() + pad) / SCALE;
        return new Rendered(img, w / SCALE, h / SCALE, depth, SCALE, false, Optional.of(error));
    }

    private static void antialias(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    private static String messageOf(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }
}
