package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.access.entity.Department;
import java.time.Instant;

/** A department. */
public record DepartmentView(String id, String code, String name, Instant createdAt) {

    static DepartmentView of(Department department) {
        return new DepartmentView(department.id(), department.code(), department.name(), department.createdAt());
    }
}
