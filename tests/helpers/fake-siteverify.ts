/**
 * A local stand-in for Cloudflare's siteverify endpoint, speaking its documented protocol:
 * POST form (secret, response, remoteip, idempotency_key) → JSON {success, error-codes, hostname, action, cdata}.
 * Tokens are single use; the behaviour of a token is chosen by its text.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeSiteverify {
  url: string;
  requests: URLSearchParams[];
  close(): Promise<void>;
}

export async function startFakeSiteverify(secret: string, hostname = "vote.example.cn"): Promise<FakeSiteverify> {
  const used = new Set<string>();
  const requests: URLSearchParams[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      const form = new URLSearchParams(body);
      requests.push(form);
      const token = form.get("response") ?? "";
      const reply = (status: number, data: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(data));
      };
      if (token === "hang") return; // never answers: the client must time out
      if (token === "http-500") return reply(500, { success: false });
      if (form.get("secret") !== secret) return reply(200, { success: false, "error-codes": ["invalid-input-secret"] });
      if (token === "internal") return reply(200, { success: false, "error-codes": ["internal-error"] });
      if (used.has(token)) return reply(200, { success: false, "error-codes": ["timeout-or-duplicate"] });
      used.add(token);
      // a widget rendered with action "objection" (the publicity page's form)
      if (token.startsWith("objection-ok-"))
        return reply(200, { success: true, "error-codes": [], hostname, action: "objection", challenge_ts: new Date().toISOString() });
      if (token.startsWith("ok-"))
        return reply(200, { success: true, "error-codes": [], hostname, action: "vote", challenge_ts: new Date().toISOString() });
      if (token.startsWith("wrong-action-")) return reply(200, { success: true, "error-codes": [], hostname, action: "login" });
      // answers that leave out the action or the hostname, which a verified token must carry
      if (token.startsWith("no-action-")) return reply(200, { success: true, "error-codes": [], hostname });
      if (token.startsWith("no-host-")) return reply(200, { success: true, "error-codes": [], action: "vote" });
      if (token.startsWith("wrong-host-"))
        return reply(200, { success: true, "error-codes": [], hostname: "evil.example", action: "vote" });
      return reply(200, { success: false, "error-codes": ["invalid-input-response"] });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/turnstile/v0/siteverify`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
