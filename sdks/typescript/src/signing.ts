import { createHash, createHmac } from "node:crypto";

/**
 * The two headers of a signed request (docs/security.md, "Request signing"): HMAC-SHA256, keyed with the
 * signing secret's UTF-8 bytes, of `<timestamp>\n<METHOD>\n<request target>\n<hex SHA-256 of the body>`.
 * The target is the path and query exactly as sent (still percent-encoded).
 */
export function signatureHeaders(
  signingSecret: string,
  method: string,
  target: string,
  body: Uint8Array | string | undefined,
  unixSeconds: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const bodyHash = createHash("sha256").update(body ?? "").digest("hex");
  const timestamp = String(unixSeconds);
  const toSign = `${timestamp}\n${method.toUpperCase()}\n${target}\n${bodyHash}`;
  const signature = createHmac("sha256", Buffer.from(signingSecret, "utf8")).update(toSign).digest("hex");
  return { "AgentPlane-Timestamp": timestamp, "AgentPlane-Signature": `v1=${signature}` };
}
