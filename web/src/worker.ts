// A Web Worker holding one instance of the core, so that the page never blocks. Messages in:
// `{kind: "init", module}` then `{kind: "call", id, call, source, name, request}`; out:
// `{kind: "ready"}`, `{kind: "answer", id, answer, ms}` or `{kind: "failed", id, message}`.

import { Engine, missingHistory, type Call } from "./engine";

export type ToWorker =
  | { kind: "init"; module: WebAssembly.Module }
  | { kind: "call"; id: number; call: Call; source: string; name: string; request: string };

export type FromWorker =
  | { kind: "ready" }
  | { kind: "answer"; id: number; answer: string; ms: number }
  | { kind: "failed"; id: number; message: string };

let engine: Engine | undefined;
/** History files given to this worker's core. */
const provided = new Set<string>();
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(m: FromWorker): void;
};

// Calls are handled one at a time, in order (fetching a history file awaits).
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  queue = queue.then(() => handle(m));
};

async function handle(m: ToWorker): Promise<void> {
  if (m.kind === "init") {
    engine = await Engine.create(m.module);
    scope.postMessage({ kind: "ready" });
    return;
  }
  const started = performance.now();
  try {
    if (!engine) throw new Error("the core is not loaded");
    let answer = engine.call(m.call, m.source, m.name, m.request);
    // A call that needs history tables: fetch them (once per worker; the page's origin only)
    // and ask again. Each table is needed at most once, so this ends.
    for (let missing = missingHistory(answer); missing.length > 0; missing = missingHistory(answer)) {
      for (const file of missing) {
        if (provided.has(file)) throw new Error(`history/${file}: the core asked for it again`);
        const response = await fetch(new URL(`history/${file}`, self.location.href));
        if (!response.ok) throw new Error(`history/${file}: ${response.status} ${response.statusText}`);
        if (!engine.provide(file, new Uint8Array(await response.arrayBuffer()))) {
          throw new Error(`history/${file}: the core refused it`);
        }
        // Only a table the core took counts: a failed fetch is tried again by the next call.
        provided.add(file);
      }
      answer = engine.call(m.call, m.source, m.name, m.request);
    }
    scope.postMessage({ kind: "answer", id: m.id, answer, ms: performance.now() - started });
  } catch (err) {
    // A trap in the core or a history file that cannot be fetched (report it, and the page
    // keeps its last answer).
    scope.postMessage({ kind: "failed", id: m.id, message: String(err) });
  }
}
