package edu.ucla.dgsom.escrow.client;

import edu.ucla.dgsom.escrow.client.api.AccountsApi;
import edu.ucla.dgsom.escrow.client.api.CredentialsApi;
import edu.ucla.dgsom.escrow.client.api.SessionApi;
import edu.ucla.dgsom.escrow.client.model.AccountRequest;
import edu.ucla.dgsom.escrow.client.model.AccountView;
import edu.ucla.dgsom.escrow.client.model.CredentialChange;
import edu.ucla.dgsom.escrow.client.model.CredentialVersionView;
import edu.ucla.dgsom.escrow.client.model.RevealRequest;
import edu.ucla.dgsom.escrow.client.model.RevealedCredentials;
import edu.ucla.dgsom.escrow.client.model.SessionView;
import edu.ucla.dgsom.escrow.client.model.SignInRequest;
import java.net.HttpCookie;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What an integrator writes against the client generated from {@code /openapi} (GeneratedClientIT compiles it with
 * the generated sources): sign in, register an account, escrow its first credential set and reveal it, all typed.
 * It fails to compile if the document leaves an answer or a body undescribed.
 */
public class ClientJourney implements Function<Map<String, String>, Map<String, Object>> {

    @Override
    public Map<String, Object> apply(Map<String, String> in) {
        try {
            ApiClient client = new ApiClient();
            client.updateBaseUri(in.get("baseUri"));
            ApiResponse<SessionView> signedIn = new SessionApi(client).signInWithHttpInfo(new SignInRequest()
                    .username(in.get("username")).password(in.get("password")).recoveryCode(in.get("recoveryCode")));
            SessionView session = signedIn.getData();
            String cookie = signedIn.getHeaders().get("set-cookie").stream().map(HttpCookie::parse)
                    .flatMap(cookies -> cookies.stream()).filter(c -> c.getName().equals("escrow_session"))
                    .findFirst().orElseThrow().getValue();
            client.setRequestInterceptor(request -> request.header("Cookie", "escrow_session=" + cookie)
                    .header("X-CSRF-Token", session.getCsrfToken()));

            AccountView account = new AccountsApi(client).createAccount(new AccountRequest().platform("instagram")
                    .handle(in.get("handle")).displayName("Generated client " + in.get("handle"))
                    .departmentId(in.get("departmentId")).contentOwnerId(in.get("contentOwnerId"))
                    .backupModeratorId(in.get("backupModeratorId")));
            CredentialsApi credentials = new CredentialsApi(client);
            CredentialVersionView escrowed = credentials.rotateCredentials(account.getId(), "\"0\"",
                    new CredentialChange().reason("First escrow").loginIdentifier(in.get("loginIdentifier"))
                            .password(in.get("secret")));
            RevealedCredentials revealed = credentials.revealCredentials(account.getId(),
                    new RevealRequest().reason("Posting as the department"));

            Map<String, Object> out = new HashMap<>();
            out.put("sessionKind", session.getKind());
            out.put("sessionId", session.getId());
            out.put("csrfToken", session.getCsrfToken());
            out.put("sessionExpiresAt", session.getExpiresAt());
            out.put("cookie", cookie);
            out.put("accountId", account.getId());
            out.put("accountDepartmentId", account.getDepartmentId());
            out.put("escrowedVersion", escrowed.getVersion());
            out.put("escrowedCurrent", escrowed.getCurrent());
            out.put("revealedAccountId", revealed.getAccountId());
            out.put("revealedVersion", revealed.getVersion());
            out.put("revealedLoginIdentifier", revealed.getLoginIdentifier());
            out.put("revealedPassword", revealed.getPassword());
            return out;
        } catch (ApiException e) {
            throw new IllegalStateException(e.getCode() + " " + e.getResponseBody(), e);
        }
    }
}
