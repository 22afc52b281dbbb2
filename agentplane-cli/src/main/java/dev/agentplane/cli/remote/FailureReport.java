package dev.agentplane.cli.remote;

import dev.agentplane.client.AgentPlaneException;
import dev.agentplane.client.Problem;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * How a command that failed reports it: the server's problem (title, detail, each bad field with its fix) or
 * what is wrong with a profile, on stderr; exit 1 for what the server refused, 2 for a usage error.
 */
public final class FailureReport {
    private FailureReport() {}

    public static int handle(Exception failure, CommandLine command, ParseResult parsed) throws Exception {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (failure instanceof AgentPlaneException problem) {
            err.println(name + ": " + describe(problem));
            err.flush();
            return 1;
        }
        if (failure instanceof ProfileException profile) {
            err.println(name + ": " + profile.getMessage());
            err.flush();
            return 2;
        }
        throw failure;
    }

    public static String describe(AgentPlaneException failure) {
        Problem problem = failure.problem();
        if (problem == null) {
            return failure.getMessage();
        }
        StringBuilder text = new StringBuilder();
        text.append(problem.title() != null ? problem.title() : "HTTP " + problem.status());
        if (problem.status() > 0) {
            text.append(" (").append(problem.status()).append(')');
        }
        if (problem.detail() != null) {
            text.append(": ").append(problem.detail());
        }
        for (Problem.FieldError error : problem.errors()) {
            text.append("\n  ").append(error.pointer() != null ? error.pointer() : error.parameter()).append(": ")
                    .append(error.detail());
            if (error.fix() != null) {
                text.append(" (fix: ").append(error.fix()).append(')');
            }
        }
        return text.toString();
    }
}
