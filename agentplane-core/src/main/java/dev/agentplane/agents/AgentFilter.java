package dev.agentplane.agents;

public record AgentFilter(String status, String framework, String capability) {}
