package dev.agentplane.tenancy;

import dev.agentplane.common.Names;
import dev.agentplane.common.problems.FieldErrors;

/** A request to create an organization. */
public record NewOrg(String name) {
    public void validate() {
        new FieldErrors()
                .required("/name", name, "name the organization, e.g. \"acme\"")
                .maxLength("/name", name, 100)
                .matches("/name", name, Names.NAME, "use letters, digits, '.', '_' and '-', starting with a letter or digit")
                .throwIfAny();
    }
}
