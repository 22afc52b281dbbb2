package dev.agentplane.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.definition.AgentDefinition;
import dev.agentplane.teams.definition.TeamCatalog;
import dev.agentplane.teams.definition.TeamDefinition;
import dev.agentplane.teams.definition.TeamFile;
import dev.agentplane.teams.definition.TeamProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "teams", sortOptions = false, description = {
        "Lists the teams defined in the teams directory: name, process, agents, file and how many warnings (tools "
                + "the runner will not offer). Invalid files are reported with file:line: field and what is wrong.",
        "Exit code: 0 when every team file is valid, 2 when one is not (the valid teams are still listed) or the "
                + "directory does not exist."})
final class ListTeamsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--teams-dir", paramLabel = "DIR", description = "Where the team files are (default: ./teams).")
    Path teamsDir = TeamCatalog.DEFAULT_DIRECTORY;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Format output;

    enum Format { text, json }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TeamCatalog catalog;
        try {
            catalog = TeamCatalog.scan(teamsDir);
        } catch (NoSuchFileException e) {
            err.println("agentplane list teams: there is no directory " + teamsDir + "; create it with your team files "
                    + "or pass --teams-dir DIR");
            err.flush();
            return 2;
        } catch (IOException e) {
            err.println("agentplane list teams: cannot read " + teamsDir + ": " + e);
            err.flush();
            return 2;
        }
        if (output == Format.json) {
            out.println(Json.write(json(catalog)));
        } else {
            out.print(table(catalog));
            catalog.errors().forEach(err::println);
        }
        out.flush();
        err.flush();
        return catalog.errors().isEmpty() ? 0 : 2;
    }

    private static String table(TeamCatalog catalog) {
        if (catalog.teams().isEmpty()) {
            return catalog.errors().isEmpty() ? "no team files in " + catalog.directory() + "\n" : "";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "PROCESS", "AGENTS", "FILE", "WARNINGS"});
        for (TeamFile.Valid file : catalog.teams()) {
            TeamDefinition team = file.team();
            rows.add(new String[] {team.name(), team.process().wireName(), String.join(", ",
                    team.agents().stream().map(AgentDefinition::name).toList()), file.file().toString(),
                    String.valueOf(file.warnings().size())});
        }
        int[] widths = new int[rows.getFirst().length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                table.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            table.append('\n');
        }
        return table.toString();
    }

    private static ObjectNode json(TeamCatalog catalog) {
        ObjectNode result = Json.object().put("directory", catalog.directory().toString());
        ArrayNode teams = result.putArray("teams");
        for (TeamFile.Valid file : catalog.teams()) {
            TeamDefinition team = file.team();
            ObjectNode node = teams.addObject().put("name", team.name()).put("description", team.description())
                    .put("version", team.version()).put("process", team.process().wireName())
                    .put("file", file.file().toString());
            ArrayNode agents = node.putArray("agents");
            team.agents().forEach(agent -> agents.addObject().put("name", agent.name()).put("role", agent.role())
                    .<ObjectNode>set("tools", Json.MAPPER.valueToTree(agent.tools()))
                    .set("offered_tools", Json.MAPPER.valueToTree(agent.offeredTools())));
            problems(node.putArray("warnings"), file.warnings());
        }
        problems(result.putArray("errors"), catalog.errors());
        return result;
    }

    private static void problems(ArrayNode array, List<TeamProblem> problems) {
        problems.forEach(p -> array.addObject().put("file", p.file().toString()).put("line", p.line())
                .put("field", p.field()).put("message", p.message()).put("text", p.toString()));
    }
}
