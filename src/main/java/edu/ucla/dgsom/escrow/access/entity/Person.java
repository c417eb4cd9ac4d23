package edu.ucla.dgsom.escrow.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A workforce member, keyed by the HR employee id. */
@Entity
@Table(name = "person")
@NamedQuery(name = Person.BY_EMPLOYEE_ID, query = "SELECT p FROM Person p WHERE p.employeeId = :employeeId")
@NamedQuery(name = Person.ALL, query = "SELECT p FROM Person p ORDER BY p.name, p.id")
@NamedQuery(name = Person.IN_DEPARTMENTS, query = "SELECT p FROM Person p WHERE p.departmentId IN :departments"
        + " ORDER BY p.name, p.id")
public class Person {

    public static final String BY_EMPLOYEE_ID = "Person.byEmployeeId";
    public static final String ALL = "Person.all";
    public static final String IN_DEPARTMENTS = "Person.inDepartments";

    /** Offboarded people keep their record (the audit trail names them) but can no longer act. */
    public enum Status { ACTIVE, OFFBOARDED }

    @Id
    private String id;

    @Column(name = "employee_id", nullable = false, updatable = false)
    private String employeeId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String email;

    @Column(name = "department_id", nullable = false)
    private String departmentId;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "row_version")
    private int rowVersion;

    protected Person() {
    }

    public Person(String employeeId, String name, String email, String departmentId, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.employeeId = employeeId;
        this.name = name;
        this.email = email;
        this.departmentId = departmentId;
        this.status = Status.ACTIVE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Ends the person's standing: every check of an active person now fails for them. */
    public void offboard(Instant now) {
        status = Status.OFFBOARDED;
        updatedAt = now;
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    public String id() {
        return id;
    }

    public String employeeId() {
        return employeeId;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String departmentId() {
        return departmentId;
    }

    public Status status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
