package dev.oktaprov.entrypoints.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes kept in chunks that are never copied into a larger array as the body grows, and written
 * out chunk by chunk: a list page's body is buffered once, not two or three times.
 */
final class BodyBuffer extends OutputStream {

    private static final int FIRST_CHUNK = 4 * 1024;
    private static final int LARGEST_CHUNK = 64 * 1024;

    private final List<byte[]> full = new ArrayList<>();
    private byte[] chunk = new byte[FIRST_CHUNK];
    private int used;

    @Override
    public void write(int b) {
        if (used == chunk.length) {
            next();
        }
        chunk[used++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (used == chunk.length) {
                next();
            }
            int n = Math.min(length, chunk.length - used);
            System.arraycopy(bytes, offset, chunk, used, n);
            used += n;
            offset += n;
            length -= n;
        }
    }

    /** Everything written, in order, to {@code out}. */
    void writeTo(OutputStream out) throws IOException {
        for (byte[] bytes : full) {
            out.write(bytes, 0, bytes.length);
        }
        out.write(chunk, 0, used);
    }

    private void next() {
        full.add(chunk);
        chunk = new byte[Math.min(LARGEST_CHUNK, chunk.length * 2)];
        used = 0;
    }
}
