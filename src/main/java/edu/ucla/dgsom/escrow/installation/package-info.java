/** The installation: which database (and so which set of escrowed accounts) an instance serves. */
package edu.ucla.dgsom.escrow.installation;
