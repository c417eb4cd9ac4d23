/**
 * The school's policy as workflows (policy sections I and II): requests for official accounts and their approval by a
 * supervisor of the department. See docs/policy.md.
 */
package edu.ucla.dgsom.escrow.policy;
