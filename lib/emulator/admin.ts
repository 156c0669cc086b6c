// A small HTTP admin endpoint on 127.0.0.1 to move the emulator's clock (JSON in, JSON out):
//   GET  /clock                      → {"now": "<ISO time>", "offsetMs": n}
//   POST /clock {"advance": "30d"}   moves it forward (or back with "-1h")
//   POST /clock {"offset": "90d"}    sets the offset from real time; {"now": "<ISO time>"} sets the time
//   POST /scim-groups {"idpId": "00g1", "displayName": "developers"}  adds a group as SCIM would
import * as http from "node:http";
import { parseDuration, type Clock } from "./clock";
import { seedScimGroup } from "./handlers/people";
import type { Store } from "./store";

export interface AdminServer {
  readonly url: string;
  close(): Promise<void>;
}

function clockBody(clock: Clock): string {
  return JSON.stringify({ now: new Date(clock.now()).toISOString(), offsetMs: clock.offset });
}

/** Applies one clock request; returns an error message for bad input. */
export function moveClock(clock: Clock, body: Record<string, unknown>): string | undefined {
  try {
    if (typeof body.advance === "string") clock.advance(parseDuration(body.advance));
    else if (typeof body.offset === "string") clock.setOffset(parseDuration(body.offset));
    else if (typeof body.now === "string" && !Number.isNaN(Date.parse(body.now))) clock.setOffset(Date.parse(body.now) - Date.now());
    else return 'send {"advance": "<duration>"}, {"offset": "<duration>"} or {"now": "<ISO time>"}';
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export function startAdmin(clock: Clock, store: Store, port: number): Promise<AdminServer> {
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: string) => {
      // One request per connection: test drivers block their event loop on `terraform apply` for longer than the
      // keep-alive timeout, then reuse a socket this server already closed ("other side closed").
      res.writeHead(status, { "content-type": "application/json", connection: "close" });
      res.end(`${body}\n`);
    };
    if (req.url !== "/clock" && req.url !== "/scim-groups") return reply(404, JSON.stringify({ error: "use /clock or /scim-groups" }));
    if (req.method === "GET" && req.url === "/clock") return reply(200, clockBody(clock));
    if (req.method !== "POST") return reply(405, JSON.stringify({ error: "use POST (or GET /clock)" }));
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text || "{}");
      } catch {
        return reply(400, JSON.stringify({ error: "body is not JSON" }));
      }
      if (req.url === "/scim-groups") {
        if (typeof body.idpId !== "string" || !body.idpId) return reply(400, JSON.stringify({ error: 'send {"idpId": "<id>", "displayName": "<name>"}' }));
        const group = seedScimGroup(store, body.idpId, typeof body.displayName === "string" ? body.displayName : undefined);
        return reply(200, JSON.stringify({ groupId: group.id, idpId: body.idpId }));
      }
      const problem = moveClock(clock, body);
      if (problem) return reply(400, JSON.stringify({ error: problem }));
      store.save();
      return reply(200, clockBody(clock));
    });
    return undefined;
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
