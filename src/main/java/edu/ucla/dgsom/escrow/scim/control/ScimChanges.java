package edu.ucla.dgsom.escrow.scim.control;

/** What a SCIM PUT or PATCH says about a person; null means "not mentioned". */
public record ScimChanges(String userName, String externalId, String name, String email, Boolean active,
        String department) {

    public ScimChanges merge(ScimChanges later) {
        return new ScimChanges(pick(later.userName, userName), pick(later.externalId, externalId),
                pick(later.name, name), pick(later.email, email), later.active != null ? later.active : active,
                pick(later.department, department));
    }

    private static String pick(String later, String earlier) {
        return later != null ? later : earlier;
    }
}
