package org.genlab.compute;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that reports how far a long read has come and stops it when its job is cancelled:
 * every read checks for cancellation (throwing {@link CancelledException}) and reports the
 * fraction of {@code expected} characters read so far, at most a hundred times in all.
 */
public final class ProgressReader extends FilterReader {
    private final long expected;
    private final ProgressSink sink;
    private long read;
    private int lastPercent = -1;

    /**
     * @param expected roughly how many characters the whole read is (a file's size in bytes will
     *                 do); the fraction is capped at 1
     */
    public ProgressReader(Reader in, long expected, ProgressSink sink) {
        super(in);
        this.expected = Math.max(1, expected);
        this.sink = sink;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        advance(c < 0 ? 0 : 1);
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        advance(Math.max(0, n));
        return n;
    }

    private void advance(int n) {
        sink.checkCancelled();
        read += n;
        int percent = (int) Math.min(100, 100 * read / expected);
        if (percent != lastPercent) {
            lastPercent = percent;
            sink.report(percent / 100.0, percent + " %");
        }
    }
}
