/** The database schema: versioned Flyway migrations applied at startup, before anything uses JPA. */
package edu.ucla.dgsom.escrow.schema;
