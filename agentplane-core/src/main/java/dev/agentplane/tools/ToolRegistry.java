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
        return builtIn(List.of());
    }

    /** The built-in tools; {@code http.request} may reach only {@code allowedHttpHosts} when any are given. */
    public static ToolRegistry builtIn(List<String> allowedHttpHosts) {
        List<Tool> tools = new java.util.ArrayList<>(CoreTools.all());
        tools.add(new HttpRequestTool(allowedHttpHosts));
        return new ToolRegistry(tools);
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
