package edu.ucla.dgsom.escrow.web;

import edu.ucla.dgsom.escrow.security.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Runs an {@link Idempotent} method that carries an {@code Idempotency-Key} once per key and caller, through
 * {@link IdempotencyLedger}. Inside the deadlock retry: a retried attempt finds the key as the failed one left it.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 10)
public class IdempotentWrites {

    @Inject
    HttpServletRequest request;

    @Inject
    Caller caller;

    @Inject
    IdempotencyLedger ledger;

    @AroundInvoke
    public Object once(InvocationContext invocation) throws Exception {
        Optional<IdempotencyKey> key = IdempotencyKey.ofHeader(request.getHeader(IdempotencyKey.HEADER));
        if (key.isEmpty()) {
            return invocation.proceed();
        }
        return ledger.once(caller.kind() + ":" + caller.id(), key.get(), fingerprint(invocation), invocation::proceed);
    }

    /** What makes two requests the same request: method, path, query and every argument the method was given. */
    private byte[] fingerprint(InvocationContext invocation) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        update(digest, utf8(request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString()));
        for (Object argument : invocation.getParameters()) {
            update(digest, argument == null ? null
                    : argument instanceof byte[] bytes ? bytes : utf8(JsonbConfiguration.JSONB.toJson(argument)));
        }
        return digest.digest();
    }

    /** Each part with its length first, so that no two different sequences of parts hash alike. */
    private static void update(MessageDigest digest, byte[] part) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(part == null ? -1 : part.length).array());
        if (part != null) {
            digest.update(part);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
