import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { jarPath, repoRoot } from "./repo.js";

export const ADMIN_KEY = "sdk-ts-test-admin-key-0123456789abcdef";

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the real server from the built jar (JAVA_HOME, else java on PATH) and waits for /health/ready. */
export async function startServer(): Promise<RunningServer> {
  if (!existsSync(jarPath)) throw new Error(`${jarPath} is missing: build it with mvn -o -DskipTests package`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "agentplane-sdk-ts-"));
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
  const child: ChildProcess = spawn(java, ["-jar", jarPath, "server", "--port", String(port), "--data-dir", dataDir], {
    cwd: repoRoot,
    env: { ...process.env, AGENTPLANE_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/health/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`the server was not ready within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
