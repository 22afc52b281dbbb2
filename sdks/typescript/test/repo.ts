import { fileURLToPath } from "node:url";
import { resolve, dirname } from "node:path";

// Compiled tests live in build-test/test/, four levels below the repository root.
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
export const openapiPath = resolve(repoRoot, "agentplane-server/src/main/resources/openapi.yaml");
export const jarPath = resolve(repoRoot, "agentplane-cli/target/agentplane.jar");
