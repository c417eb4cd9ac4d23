/**
 * SCIM 2.0 (RFC 7643/7644) Users for campus identity systems (Entra ID, Okta, Workday): people are provisioned,
 * updated, deactivated or deleted, and deactivation starts the same offboarding as HR's native call. See
 * docs/offboarding.md.
 */
package edu.ucla.dgsom.escrow.scim;
