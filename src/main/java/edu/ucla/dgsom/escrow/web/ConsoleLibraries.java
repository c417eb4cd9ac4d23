package edu.ucla.dgsom.escrow.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's third-party libraries, straight from their WebJars in {@code WEB-INF/lib}
 * ({@code META-INF/resources/webjars/...} and mvnpm's {@code META-INF/resources/_static/...}). Payara Micro's
 * default servlet does not serve a library jar's {@code META-INF/resources} here, so this servlet reads them from the
 * class path: the versioned path names the content, hence a strong ETag from its digest and caching for good.
 */
@WebServlet(name = "ConsoleLibraries", urlPatterns = {"/webjars/*", "/_static/*"})
public class ConsoleLibraries extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Only what exists is kept, so requests for made-up paths cannot grow it. */
    private final Map<String, Library> libraries = new ConcurrentHashMap<>();

    private record Library(byte[] content, String etag) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Optional<Library> library = path.contains("..") || path.contains("//") || path.endsWith("/")
                ? Optional.empty() : Optional.ofNullable(libraries.get(path)).or(() -> load(path));
        if (library.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("ETag", library.get().etag());
        response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        if (revalidates(request.getHeader("If-None-Match"), library.get().etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        String type = getServletContext().getMimeType(path);
        response.setContentType(path.endsWith(".js") ? "text/javascript;charset=UTF-8"
                : type == null ? "application/octet-stream" : type);
        response.setContentLength(library.get().content().length);
        response.getOutputStream().write(library.get().content());
    }

    /** Whether If-None-Match (a list of tags, weak or strong, or *) names this library's tag. */
    private static boolean revalidates(String ifNoneMatch, String etag) {
        return ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag));
    }

    private Optional<Library> load(String path) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/resources" + path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] content = in.readAllBytes();
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            Library library = new Library(content, "\"" + digest.substring(0, 32) + "\"");
            libraries.put(path, library);
            return Optional.of(library);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
