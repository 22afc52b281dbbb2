package dev.agentplane.common.problems;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** 400: the request names the wrong things; every bad field is listed with how to fix it. */
public class InvalidInputException extends ProblemException {
    public InvalidInputException(List<FieldError> errors) {
        super(400, "invalid-input", "Invalid input", summary(errors), errors, Map.of());
    }

    public static InvalidInputException body(String pointer, String detail, String fix) {
        return new InvalidInputException(List.of(FieldError.body(pointer, detail, fix)));
    }

    public static InvalidInputException parameter(String name, String detail, String fix) {
        return new InvalidInputException(List.of(FieldError.parameter(name, detail, fix)));
    }

    private static String summary(List<FieldError> errors) {
        return errors.stream()
                .map(e -> (e.pointer() != null ? e.pointer() : e.parameter()) + " " + e.detail() + ": " + e.fix())
                .collect(Collectors.joining("; "));
    }
}
