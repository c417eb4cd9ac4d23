package edu.ucla.dgsom.escrow.accounts.entity;

import edu.ucla.dgsom.escrow.security.Secrets;
import java.util.List;
import java.util.Locale;

/**
 * Which recovery e-mail addresses and phone numbers belong to the school: e-mail on one of its domains or their
 * subdomains ({@code ucla.edu} takes {@code mednet.ucla.edu}, never {@code notucla.edu}), phones starting with one of
 * its E.164 prefixes ({@code +1310825}). A number written without {@code +} is read as North American (ten digits, or
 * eleven starting with 1), as people write them here.
 */
public record InstitutionalContacts(List<String> emailDomains, List<String> phonePrefixes) {

    public InstitutionalContacts {
        emailDomains = emailDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT))
                .map(d -> d.startsWith("@") || d.startsWith(".") ? d.substring(1) : d).filter(d -> !d.isEmpty())
                .sorted().distinct().toList();
        phonePrefixes = phonePrefixes.stream().map(InstitutionalContacts::e164).filter(p -> p.length() > 1)
                .sorted().distinct().toList();
    }

    /** What these rules say of a version's recovery e-mail and phone (null: the version has none). */
    public RecoveryFacts classify(String recoveryEmail, String recoveryPhone) {
        return new RecoveryFacts(institutionalEmail(recoveryEmail), institutionalPhone(recoveryPhone), digest());
    }

    public boolean institutionalEmail(String email) {
        if (email == null || email.indexOf('@') < 0) {
            return false;
        }
        String domain = email.strip().substring(email.strip().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return emailDomains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
    }

    public boolean institutionalPhone(String phone) {
        if (phone == null) {
            return false;
        }
        String number = e164(phone);
        return number.length() > 1 && phonePrefixes.stream().anyMatch(number::startsWith);
    }

    /** The rules in one canonical form, hashed: equal rules, equal digests, whatever their order or case. */
    public String digest() {
        String canonical = "email:" + String.join(",", emailDomains) + "\nphone:" + String.join(",", phonePrefixes);
        return Secrets.sha256Hex(canonical);
    }

    /** {@code +} and the digits: separators dropped, a North American number without {@code +} given its +1. */
    static String e164(String phone) {
        String stripped = phone.strip();
        String digits = stripped.replaceAll("[^0-9]", "");
        if (stripped.startsWith("+")) {
            return "+" + digits;
        }
        if (digits.length() == 10) {
            return "+1" + digits;
        }
        return "+" + digits;
    }
}
