/**
 * Shared HTTP plumbing: the JAX-RS application under {@code /api/v1}, the browser console's pages, JSON-B settings,
 * request ids, security headers, and the OpenAPI description of errors.
 */
package edu.ucla.dgsom.escrow.web;
