package edu.ucla.dgsom.escrow.access.entity;

/** How strongly the campus provider's sign-in proved who a person is, as its ID token shows. */
public enum ProviderAssurance { MULTI_FACTOR, SINGLE_FACTOR }
