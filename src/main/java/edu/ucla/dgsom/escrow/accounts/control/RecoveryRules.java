package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.InstitutionalContacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The school's recovery contacts as configured: {@code escrow.policy.institutional-email-domains} (subdomains match)
 * and {@code escrow.policy.institutional-phone-prefixes} (E.164). A rotation judges its version's recovery e-mail and
 * phone by them; the compliance report compares the digest a rotation stored with theirs.
 */
@ApplicationScoped
public class RecoveryRules {

    @Inject
    @ConfigProperty(name = "escrow.policy.institutional-email-domains", defaultValue = "ucla.edu,mednet.ucla.edu")
    List<String> emailDomains;

    @Inject
    @ConfigProperty(name = "escrow.policy.institutional-phone-prefixes", defaultValue = "+1310825,+1310267")
    List<String> phonePrefixes;

    public InstitutionalContacts current() {
        return new InstitutionalContacts(emailDomains, phonePrefixes);
    }
}
