/**
 * Offboarding (policy section I, end of employment): HR's one call ends a person's access, hands every account they
 * held to new holders, gives their departments to DGIT and flags what they could reveal for rotation. See
 * docs/offboarding.md.
 */
package edu.ucla.dgsom.escrow.offboarding;
