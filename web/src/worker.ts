// A Web Worker holding one instance of the core, so that the page never blocks. Messages in:
// `{kind: "init", module}` then `{kind: "call", id, call, source, name, request}`; out:
// `{kind: "ready"}`, `{kind: "answer", id, answer, ms}` or `{kind: "failed", id, message}`.

import { Engine, type Call } from "./engine";

export type ToWorker =
  | { kind: "init"; module: WebAssembly.Module }
  | { kind: "call"; id: number; call: Call; source: string; name: string; request: string };

export type FromWorker =
  | { kind: "ready" }
  | { kind: "answer"; id: number; answer: string; ms: number }
  | { kind: "failed"; id: number; message: string };

let engine: Engine | undefined;
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(m: FromWorker): void;
};

scope.onmessage = async (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  if (m.kind === "init") {
    engine = await Engine.create(m.module);
    scope.postMessage({ kind: "ready" });
    return;
  }
  const started = performance.now();
  try {
    if (!engine) throw new Error("the core is not loaded");
    const answer = engine.call(m.call, m.source, m.name, m.request);
    scope.postMessage({ kind: "answer", id: m.id, answer, ms: performance.now() - started });
  } catch (err) {
    // A trap in the core (it should not happen: report it, and the page keeps its last answer).
    scope.postMessage({ kind: "failed", id: m.id, message: String(err) });
  }
};
