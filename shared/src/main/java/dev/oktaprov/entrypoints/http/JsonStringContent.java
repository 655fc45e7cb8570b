package dev.oktaprov.entrypoints.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * UTF-8 JSON text written into it comes out as the content of a JSON string (without the quotes):
 * {@code "} and {@code \} escaped, control characters as {@code \}{@code uXXXX}, everything else as it is.
 */
final class JsonStringContent extends OutputStream {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] escape = {'\\', 'u', '0', '0', 0, 0};

    JsonStringContent(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int run = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            int b = bytes[i] & 0xff;
            if (b == '"' || b == '\\' || b < 0x20) {
                out.write(bytes, run, i - run);
                writeEscaped(b);
                run = i + 1;
            }
        }
        out.write(bytes, run, end - run);
    }

    private void writeEscaped(int b) throws IOException {
        if (b == '"' || b == '\\') {
            out.write('\\');
            out.write(b);
            return;
        }
        escape[4] = HEX[b >> 4];
        escape[5] = HEX[b & 0xf];
        out.write(escape, 0, escape.length);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
