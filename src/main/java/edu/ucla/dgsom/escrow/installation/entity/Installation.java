package edu.ucla.dgsom.escrow.installation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** The one row that identifies this installation's database; the first migration creates it. */
@Entity
@Table(name = "installation")
@NamedQuery(name = Installation.FIND, query = "SELECT i FROM Installation i")
public class Installation {

    public static final String FIND = "Installation.find";

    @Id
    private String id;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Installation() {
    }

    public String id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
