package edu.ucla.dgsom.escrow.policy.control;

import edu.ucla.dgsom.escrow.policy.entity.AccountRequest;

/** Which requests to list; null leaves a criterion out. {@code mine}: those the caller made. */
public record RequestFilter(String departmentId, AccountRequest.State state, Mine mine) {

    public enum Mine { ONLY, ANY }
}
