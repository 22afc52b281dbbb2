package dev.agentplane.llm;

import java.util.Objects;

/** A configured model: the provider entry it is listed under and its name there. Printed as "provider/model". */
public record ModelRef(String provider, String model) {
    public ModelRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
