import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { jarPath, repoRoot } from "./repo.js";

/**
 * The instance admin key every server of a run starts with. On PostgreSQL all servers of a run share one
 * database: the first one creates the instance admin org with this key, the others find it there.
 */
export const ADMIN_KEY = "sdk-ts-test-admin-key-0123456789abcdef";
// Servers sharing a database must share the key org secrets are encrypted with (else each makes its own).
const SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");

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

/**
 * Starts the real server from the built jar (AGENTPLANE_JAR, else agentplane-cli/target/agentplane.jar; JAVA_HOME,
 * else java on PATH) and waits for /health/ready. It inherits the environment, so AGENTPLANE_DATABASE_URL (and
 * AGENTPLANE_DATABASE_USER) make it use PostgreSQL instead of SQLite in its data directory.
 */
export async function startServer(): Promise<RunningServer> {
  const jar = process.env.AGENTPLANE_JAR || jarPath;
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build it with mvn -o -DskipTests package`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "agentplane-sdk-ts-"));
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
  const child: ChildProcess = spawn(java, ["-jar", jar, "server", "--port", String(port), "--data-dir", dataDir], {
    cwd: repoRoot,
    env: {
      AGENTPLANE_SECRETS_KEY: SECRETS_KEY,
      ...process.env,
      AGENTPLANE_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    },
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
  const probe = await fetch(`${url}/v1/limits`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
  if (probe.status === 401) {
    child.kill();
    throw new Error("the test admin key is refused: the database already had an organization created with another "
      + "key; give the tests a fresh database (AGENTPLANE_DATABASE_URL)");
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
