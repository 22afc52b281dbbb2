package dev.agentplane.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", description = {"Prints the shell completion script of every command and option.",
        "bash:  source <(agentplane completion bash)     (or save it in /etc/bash_completion.d/agentplane)",
        "zsh:   source <(agentplane completion zsh)      (in ~/.zshrc)"})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "bash", paramLabel = "SHELL", description = "bash (default) or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        String script = AutoComplete.bash("agentplane", root);
        if (shell == Shell.zsh) {
            // picocli's script is bash; zsh runs it through its bash completion emulation.
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
