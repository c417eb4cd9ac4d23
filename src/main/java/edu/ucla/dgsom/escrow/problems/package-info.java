/**
 * Shared plumbing: every error, from every layer, becomes one RFC 9457 problem document with a stable type, a human
 * message and the request id. {@link edu.ucla.dgsom.escrow.problems.Problems} is the one place that decides how.
 */
package edu.ucla.dgsom.escrow.problems;
