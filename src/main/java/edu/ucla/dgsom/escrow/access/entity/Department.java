package edu.ucla.dgsom.escrow.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A department of the school, whose official accounts its department owners answer for. */
@Entity
@Table(name = "department")
@NamedQuery(name = Department.ALL, query = "SELECT d FROM Department d ORDER BY d.code")
@NamedQuery(name = Department.BY_IDS, query = "SELECT d FROM Department d WHERE d.id IN :ids ORDER BY d.code")
@NamedQuery(name = Department.BY_CODE, query = "SELECT d FROM Department d WHERE d.code = :code")
public class Department {

    public static final String ALL = "Department.all";
    public static final String BY_IDS = "Department.byIds";
    public static final String BY_CODE = "Department.byCode";

    @Id
    private String id;

    @Column(nullable = false, unique = true)
    private String code;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Department() {
    }

    public Department(String code, String name, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.code = code;
        this.name = name;
        this.createdAt = now;
    }

    /** A department as a disaster-recovery export holds it, restored under its own id. */
    public static Department restored(String id, String code, String name, Instant createdAt) {
        Department department = new Department(code, name, createdAt);
        department.id = id;
        return department;
    }

    public String id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
