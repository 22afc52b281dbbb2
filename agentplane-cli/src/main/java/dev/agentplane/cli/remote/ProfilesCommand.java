package dev.agentplane.cli.remote;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "profiles", description = {"The servers the CLI knows, in ~/.config/agentplane/config.yaml.",
        "A command uses --server/--api-key when given, else --profile NAME, else AGENTPLANE_URL/AGENTPLANE_API_KEY,",
        "else the current profile, else http://localhost:8080."},
        subcommands = {ProfilesCommand.ListProfiles.class, ProfilesCommand.SetProfile.class})
public final class ProfilesCommand {

    @Command(name = "list", description = "Every profile (keys are not shown); * marks the current one.")
    static final class ListProfiles implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            ProfileFile file = ProfileFile.load();
            var rows = file.profiles().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> new Row(e.getKey().equals(file.current()) ? "*" : "", e.getKey(), e.getValue().server(),
                            e.getValue().apiKey() == null ? "no" : "yes", e.getValue().signingSecret() == null ? "no" : "yes"))
                    .toList();
            new Printer(spec.commandLine().getOut(), output.format()).rows(rows, null, Column.of("", "current"),
                    Column.of("NAME", "name"), Column.of("SERVER", "server"), Column.of("KEY", "api_key"),
                    Column.of("SIGNED", "signing_secret"));
            return 0;
        }

        record Row(String current, String name, String server, String apiKey, String signingSecret) {}
    }

    @Command(name = "set", description = "Adds or changes a profile (the first one becomes current).")
    static final class SetProfile implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--server", paramLabel = "URL", description = "The server's base URL.")
        String server;
        @Option(names = "--api-key", paramLabel = "KEY", description = "The API key to send.")
        String apiKey;
        @Option(names = "--signing-secret", paramLabel = "SECRET", description = "For a key created with signed: true.")
        String signingSecret;

        @Override
        public Integer call() {
            ProfileFile file = ProfileFile.load();
            Profile before = file.profiles().getOrDefault(name, Profile.EMPTY);
            file.put(name, new Profile(server, apiKey, signingSecret).orElse(before));
            file.save();
            PrintWriter out = spec.commandLine().getOut();
            out.println("profile " + name + " saved in " + file.path() + (name.equals(file.current()) ? " (current)" : ""));
            out.flush();
            return 0;
        }
    }

    @Spec
    CommandSpec spec;

    @Command(name = "use", description = "Makes a profile the current one.")
    int use(@Parameters(paramLabel = "NAME") String name) {
        return change(file -> file.use(name), "current profile: " + name);
    }

    @Command(name = "remove", description = "Deletes a profile.")
    int remove(@Parameters(paramLabel = "NAME") String name) {
        return change(file -> file.remove(name), "profile " + name + " removed");
    }

    private int change(Consumer<ProfileFile> action, String done) {
        ProfileFile file = ProfileFile.load();
        action.accept(file);
        file.save();
        spec.commandLine().getOut().println(done);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
