/** Account credentials: generation of strong passwords (and, to come, the versioned, sealed credential sets). */
package edu.ucla.dgsom.escrow.credentials;
