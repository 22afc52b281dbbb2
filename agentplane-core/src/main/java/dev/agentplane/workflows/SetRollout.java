package dev.agentplane.workflows;

import dev.agentplane.common.problems.FieldErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The split to set: at most 10 versions, each once, weights 0 to 1000 with at least one above 0. */
public record SetRollout(List<Rollout.Share> versions) {
    static final int MAX_VERSIONS = 10;
    static final int MAX_WEIGHT = 1000;

    public void validate() {
        FieldErrors errors = new FieldErrors().required("/versions", versions,
                "list the versions and their weights, e.g. {\"versions\": [{\"version\": 1, \"weight\": 90}, {\"version\": 2, \"weight\": 10}]}");
        if (versions != null) {
            if (versions.isEmpty() || versions.size() > MAX_VERSIONS) {
                errors.add("/versions", "has " + versions.size() + " entries", "list 1 to " + MAX_VERSIONS + " versions");
            }
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < versions.size(); i++) {
                Rollout.Share share = versions.get(i);
                if (share == null) {
                    errors.add("/versions/" + i, "is null", "give {\"version\": n, \"weight\": w}");
                    continue;
                }
                if (share.version() < 1) {
                    errors.add("/versions/" + i + "/version", "is " + share.version(), "name an existing version (1 or more)");
                } else if (!seen.add(share.version())) {
                    errors.add("/versions/" + i + "/version", "lists version " + share.version() + " twice", "list each version once");
                }
                if (share.weight() < 0 || share.weight() > MAX_WEIGHT) {
                    errors.add("/versions/" + i + "/weight", "is " + share.weight(), "use a weight from 0 to " + MAX_WEIGHT);
                }
            }
            if (!versions.isEmpty() && versions.stream().allMatch(s -> s == null || s.weight() <= 0)) {
                errors.add("/versions", "gives every version weight 0", "give at least one version a positive weight");
            }
        }
        errors.throwIfAny();
    }
}
