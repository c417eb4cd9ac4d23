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
@NamedQuery(name = Person.BY_USER_NAME, query = "SELECT p FROM Person p WHERE p.userName = :userName")
@NamedQuery(name = Person.ALL, query = "SELECT p FROM Person p ORDER BY p.name, p.id")
@NamedQuery(name = Person.IN_DEPARTMENTS, query = "SELECT p FROM Person p WHERE p.departmentId IN :departments"
        + " ORDER BY p.name, p.id")
@NamedQuery(name = Person.BY_EMAIL_IN, query = "SELECT p FROM Person p WHERE LOWER(p.email) = :email"
        + " AND p.departmentId = :department ORDER BY p.id")
@NamedQuery(name = Person.BY_EMAIL, query = "SELECT p FROM Person p WHERE LOWER(p.email) = :email ORDER BY p.id")
@NamedQuery(name = Person.BY_IDS, query = "SELECT p FROM Person p WHERE p.id IN :ids ORDER BY p.id")
public class Person {

    /** In id order: the order in which a hand-over locks the people it may choose. */
    public static final String BY_IDS = "Person.byIds";
    public static final String BY_EMAIL_IN = "Person.byEmailIn";
    public static final String BY_EMAIL = "Person.byEmail";

    public static final String BY_EMPLOYEE_ID = "Person.byEmployeeId";
    public static final String ALL = "Person.all";
    public static final String BY_USER_NAME = "Person.byUserName";
    public static final String IN_DEPARTMENTS = "Person.inDepartments";

    /** Offboarded people keep their record (the audit trail names them) but can no longer act. */
    public enum Status { ACTIVE, OFFBOARDED }

    @Id
    private String id;

    @Column(name = "employee_id", nullable = false, updatable = false)
    private String employeeId;

    @Column(nullable = false)
    private String name;

    @Column(name = "given_name")
    private String givenName;

    @Column(name = "family_name")
    private String familyName;

    @Column(nullable = false)
    private String email;

    @Column(name = "department_id", nullable = false)
    private String departmentId;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "user_name")
    private String userName;

    @Column(name = "scim_deleted_at")
    private Instant scimDeletedAt;

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

    /**
     * A person as a disaster-recovery export holds them, restored under their own id (a leaver stays offboarded).
     * The export keeps no sign-in and no role: a restored person has neither until a DGIT admin gives them.
     */
    public static Person restored(String id, String employeeId, String name, String givenName, String familyName,
            String email, String departmentId, String userName, boolean active, Instant now) {
        Person person = new Person(employeeId, name, email, departmentId, now);
        person.id = id;
        person.describe(name, givenName, familyName, email, userName, now);
        if (!active) {
            person.offboard(now);
        }
        return person;
    }

    /**
     * Name (whole and in parts) and e-mail as the identity system now has them; {@code userName} is its key for the
     * person.
     */
    public void describe(String name, String givenName, String familyName, String email, String userName,
            Instant now) {
        this.name = name;
        this.givenName = givenName;
        this.familyName = familyName;
        this.email = email;
        this.userName = userName;
        this.updatedAt = now;
    }

    /** Active again (e.g. rehired): they may act again, but hold nothing they held before. */
    public void reactivate(Instant now) {
        status = Status.ACTIVE;
        scimDeletedAt = null;
        updatedAt = now;
    }

    /** The identity system deleted the person: the record stays for the audit trail, SCIM no longer shows it. */
    public void scimDeleted(Instant now) {
        scimDeletedAt = now;
        updatedAt = now;
    }

    public boolean scimVisible() {
        return scimDeletedAt == null;
    }

    public String givenName() {
        return givenName;
    }

    public String familyName() {
        return familyName;
    }

    public String userName() {
        return userName;
    }

    public Instant updatedAt() {
        return updatedAt;
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
