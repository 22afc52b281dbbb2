package dev.agentplane.tools;

import dev.agentplane.executions.engine.StepFailure;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tools steps may call, by name. */
public final class ToolRegistry {
    private final Map<String, Tool> tools = new TreeMap<>();

    public ToolRegistry(List<Tool> tools) {
        tools.forEach(tool -> this.tools.put(tool.name(), tool));
    }

    public static ToolRegistry builtIn() {
        return new ToolRegistry(CoreTools.all());
    }

    public Tool get(String name) {
        Tool tool = tools.get(name);
        if (tool == null) {
            throw new StepFailure("tool.unknown", "there is no tool named '" + name + "'; the tools are " + tools.keySet(), false);
        }
        return tool;
    }

    public boolean has(String name) {
        return tools.containsKey(name);
    }
}
