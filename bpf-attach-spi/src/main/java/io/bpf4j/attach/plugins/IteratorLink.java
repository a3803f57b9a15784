package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.Link;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.OwnedFd;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An attached BPF iterator ({@code BPF_TRACE_ITER} link): each {@link #open()} starts one walk
 * ({@code BPF_ITER_CREATE}) whose output, what the program wrote with {@code bpf_seq_printf} and
 * {@code bpf_seq_write}, is read as a stream; {@link #pin(Path)} makes the walk readable as a file
 * ({@code cat /sys/fs/bpf/...}).
 */
public final class IteratorLink implements Link {

    private static final int CHUNK = 8192;

    private final Bpf bpf;
    private final OwnedFd link;
    private final String description;

    IteratorLink(Bpf bpf, OwnedFd link, String description) {
        this.bpf = bpf;
        this.link = link;
        this.description = description;
    }

    /**
     * {@return a new walk of the iterator as bytes}; the program runs as the stream is read and the
     * stream ends when the walk does. Close it (the walk's descriptor) when done.
     *
     * @throws AttachException if the kernel refuses to start the walk
     */
    public InputStream open() {
        OwnedFd walk;
        try {
            walk = bpf.iterCreate(link.fd());
        } catch (RuntimeException e) {
            throw new AttachException("cannot start a walk of " + description, e);
        }
        return new InputStream() {
            private final byte[] one = new byte[1];

            @Override
            public int read() throws IOException {
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                try {
                    int n = bpf.read(walk.fd(), buffer, offset, Math.min(length, CHUNK));
                    return n == 0 ? -1 : n;
                } catch (RuntimeException e) {
                    throw new IOException("reading " + description + " failed", e);
                }
            }

            @Override
            public void close() {
                walk.close();
            }
        };
    }

    /** {@return one whole walk's output} @throws UncheckedIOException if the program's walk fails */
    public byte[] readAll() {
        try (InputStream in = open()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@return one walk's output as UTF-8 lines}, read lazily; close the stream to end the walk
     * early (try-with-resources)
     */
    public Stream<String> lines() {
        InputStream in = open();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return reader.lines().onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Pins the iterator in bpffs: every {@code read} of the file then runs a walk, and the pin
     * keeps the iterator alive after this link is closed (remove the file to drop it).
     *
     * @param path a path on a mounted bpffs, e.g. {@code /sys/fs/bpf/tasks}
     */
    public void pin(Path path) {
        try {
            bpf.objPin(link.fd(), path.toString());
        } catch (RuntimeException e) {
            throw new AttachException("cannot pin " + description + " at " + path, e);
        }
    }

    @Override
    public Optional<OwnedFd> linkFd() {
        return link.isOpen() ? Optional.of(link) : Optional.empty();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean isOpen() {
        return link.isOpen();
    }

    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return "IteratorLink[" + description + ", " + link + "]";
    }
}
