package edu.ucla.dgsom.escrow.policy.boundary;

import edu.ucla.dgsom.escrow.accounts.control.AccountFields;
import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import edu.ucla.dgsom.escrow.policy.control.NewAccountRequest;
import edu.ucla.dgsom.escrow.policy.control.NewAccountRequest.PersonReference;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request for an official account (policy I). For a new account: its department, platform ({@code platformName}
 * for OTHER), handle, optional profile URL and display name. For a registered account that lacks an approval:
 * {@code accountId} alone, and none of those. Always: the purpose, the content owner and the backup moderator (each by
 * id or by e-mail address, people of the department), and the content owner's FTE share for social media (0.01 to
 * 1.00).
 */
public record AccountRequestForm(
        @Size(max = 36) String accountId,
        @Size(max = 36) String departmentId,
        @Size(max = 16) String platform,
        @Size(max = 60) String platformName,
        @Size(max = 200) String handle,
        @Size(max = 2000) String profileUrl,
        @Size(max = 200) String displayName,
        @NotBlank @Size(max = 2000) String purpose,
        @Size(max = 36) String contentOwnerId,
        @Size(max = 254) String contentOwnerEmail,
        @Size(max = 36) String backupModeratorId,
        @Size(max = 254) String backupModeratorEmail,
        @NotNull BigDecimal contentOwnerFte) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public AccountRequestForm(String accountId, String departmentId, String platform, String platformName,
            String handle, String profileUrl, String displayName, String purpose, String contentOwnerId,
            String contentOwnerEmail, String backupModeratorId, String backupModeratorEmail,
            BigDecimal contentOwnerFte) {
        this.accountId = accountId;
        this.departmentId = departmentId;
        this.platform = platform;
        this.platformName = platformName;
        this.handle = handle;
        this.profileUrl = profileUrl;
        this.displayName = displayName;
        this.purpose = purpose;
        this.contentOwnerId = contentOwnerId;
        this.contentOwnerEmail = contentOwnerEmail;
        this.backupModeratorId = backupModeratorId;
        this.backupModeratorEmail = backupModeratorEmail;
        this.contentOwnerFte = contentOwnerFte;
    }

    /** The request in its stored form, or a 400 naming the first field that is missing, extra or malformed. */
    NewAccountRequest toRequest() {
        if (contentOwnerFte.signum() <= 0 || contentOwnerFte.compareTo(BigDecimal.ONE) > 0
                || contentOwnerFte.stripTrailingZeros().scale() > 2) {
            throw ProblemException.invalidField("contentOwnerFte", "a share from 0.01 to 1.00, at most two decimals");
        }
        PersonReference owner = person("contentOwner", contentOwnerId, contentOwnerEmail);
        PersonReference moderator = person("backupModerator", backupModeratorId, backupModeratorEmail);
        String text = AccountFields.text("purpose", purpose);
        if (accountId != null) {
            Map<String, String> account = new LinkedHashMap<>();
            account.put("departmentId", departmentId);
            account.put("platform", platform);
            account.put("platformName", platformName);
            account.put("handle", handle);
            account.put("profileUrl", profileUrl);
            account.put("displayName", displayName);
            account.forEach((field, value) -> {
                if (value != null) {
                    throw ProblemException.invalidField(field, "leave it out: the registered account's stands");
                }
            });
            return new NewAccountRequest(accountId.strip(), null, null, null, null, null, null, text, owner,
                    moderator, contentOwnerFte);
        }
        Platform parsed = AccountFields.platform(required("platform", platform));
        String url = profileUrl == null ? null : AccountFields.orNull(AccountFields.profileUrl(profileUrl));
        return new NewAccountRequest(null, required("departmentId", departmentId).strip(), parsed,
                AccountFields.platformName(parsed, platformName), AccountFields.text("handle",
                required("handle", handle)), url, AccountFields.text("displayName",
                required("displayName", displayName)), text, owner, moderator, contentOwnerFte);
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw ProblemException.invalidField(field, "required for a new account");
        }
        return value;
    }

    private static PersonReference person(String field, String id, String email) {
        if ((id == null) == (email == null)) {
            throw ProblemException.invalidField(field + "Id", "name the " + field + " by " + field + "Id or by "
                    + field + "Email, not both");
        }
        return new PersonReference(field, id == null ? null : id.strip(), email == null ? null
                : AccountFields.text(field + "Email", email));
    }
}
