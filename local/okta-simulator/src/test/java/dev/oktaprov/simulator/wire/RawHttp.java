package dev.oktaprov.simulator.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.1 by hand on a socket: the answer's header lines exactly as the server wrote them, which
 * no HTTP client library shows (they normalise or fold the names).
 */
final class RawHttp {

    /** The status line, the header lines as sent, and the body. */
    record Answer(String statusLine, List<String[]> headers, String body) {

        List<String> names() {
            return headers.stream().map(header -> header[0]).toList();
        }

        List<String> values(String exactName) {
            return headers.stream().filter(header -> header[0].equals(exactName)).map(header -> header[1]).toList();
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} (lines without the final blank line) with {@code Connection: close}, reads to the end. */
    static Answer exchange(int port, String method, String pathAndQuery, List<String> headers, String body)
            throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach(header -> request.append(header).append("\r\n"));
        if (body != null) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    /** Two GETs on one kept-alive connection; each answer read by its content-length. */
    static List<Answer> twoOnOneConnection(int port, String pathAndQuery, List<String> headers) throws IOException {
        StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        headers.forEach(header -> request.append(header).append("\r\n"));
        request.append("\r\n");
        byte[] bytes = request.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<Answer> answers = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 2; i++) {
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
                answers.add(readOne(in));
            }
        }
        return answers;
    }

    private static Answer readOne(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed inside the header");
            }
            head.write(next);
        }
        Answer headOnly = parse(head.toByteArray());
        int length = Integer.parseInt(headOnly.values("content-length").get(0));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Answer(headOnly.statusLine(), headOnly.headers(), body);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    private static Answer parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()});
        }
        return new Answer(lines[0], headers, text.substring(end + 4));
    }
}
