/** MicroProfile Health checks for load balancers and orchestrators: live, and ready only with database and keys. */
package edu.ucla.dgsom.escrow.health;
