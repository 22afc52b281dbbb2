package dev.agentplane.teams.run;

import dev.agentplane.teams.definition.AgentDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs turns at the same time, each on a virtual thread; a member that fails leaves its reason in the results
 * for the merge agent, and the run fails only when every member failed.
 */
final class Parallel {
    private Parallel() {}

    static Map<String, String> run(List<AgentDefinition> agents, List<AgentTurn> turns) throws InterruptedException {
        List<Future<RunEvent.TurnEnded>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            turns.forEach(turn -> futures.add(threads.submit(turn::run)));
            Map<String, String> results = new LinkedHashMap<>();
            int failed = 0;
            for (int i = 0; i < turns.size(); i++) {
                try {
                    results.put(agents.get(i).name(), futures.get(i).get().result());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof JournalFailure lost) {
                        throw lost;
                    }
                    if (e.getCause() instanceof RunStopped stopped) {
                        throw stopped;
                    }
                    failed++;
                    String why = e.getCause() instanceof RunFailure || e.getCause().getMessage() != null
                            ? e.getCause().getMessage() : e.getCause().toString();
                    results.put(agents.get(i).name(), "(failed: " + why + ")");
                } catch (InterruptedException stopping) {
                    threads.shutdownNow(); // the other members stop too
                    throw stopping;
                }
            }
            if (failed == turns.size()) {
                throw new RunFailure("every member failed: " + results);
            }
            return results;
        }
    }
}
