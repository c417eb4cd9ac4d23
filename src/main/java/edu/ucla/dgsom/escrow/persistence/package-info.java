/** Shared persistence plumbing: how common Java types are stored in MariaDB. */
package edu.ucla.dgsom.escrow.persistence;
