package edu.ucla.dgsom.escrow.web;

import edu.ucla.dgsom.escrow.problems.BodyTooLargeException;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies above a limit (default 64 KiB; a file upload, 10 MiB: a password manager's export to
 * {@code POST /imports}, a disaster-recovery file to {@code POST /restores}) with 413: at once when Content-Length
 * says so, and while reading when a chunked body grows past it, so an oversized body is never buffered whole.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestBodyLimit implements ContainerRequestFilter {

    /** The paths (under /api/v1) whose POST carries a whole file, and so takes the upload limit. */
    static final Set<String> UPLOAD_PATHS = Set.of("imports", "restores");

    @Inject
    @ConfigProperty(name = "escrow.http.max-body-bytes", defaultValue = "65536")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "escrow.http.max-upload-bytes", defaultValue = "10485760")
    long maxUploadBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        boolean upload = "POST".equals(request.getMethod())
                && UPLOAD_PATHS.contains(request.getUriInfo().getPath().replaceFirst("^/", ""));
        long limit = upload ? maxUploadBytes : maxBytes;
        if (request.getLength() > limit) {
            throw tooLarge(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), limit));
        }
    }

    private static ProblemException tooLarge(long limit) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit
                + " bytes");
    }

    private static final class Limited extends FilterInputStream {

        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            read += skipped;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
            return skipped;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
