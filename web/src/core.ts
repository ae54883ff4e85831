// One worker running the core, with calls answered in order and cancellation: a newer edit
// ends the worker's current work by replacing the worker (a synchronous WebAssembly call
// cannot be interrupted any other way); the compiled module is shared, so a new worker is
// ready in milliseconds.

import type { Call } from "./engine";
import type { FromWorker, ToWorker } from "./worker";

/** A call that a newer edit made obsolete. */
export class Cancelled extends Error {
  constructor() {
    super("cancelled by a newer edit");
  }
}

export interface Answer {
  answer: string;
  ms: number;
}

interface Pending {
  resolve(a: Answer): void;
  reject(e: Error): void;
}

export class Core {
  private worker!: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly url: URL,
  ) {
    this.start();
  }

  private start(): void {
    this.worker = new Worker(this.url, { type: "module" });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.kind === "ready") return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.kind === "answer") p.resolve({ answer: m.answer, ms: m.ms });
      else p.reject(new Error(m.message));
    };
    this.post({ kind: "init", module: this.module });
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  /** Whether a call is running or waiting. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Queue a call. */
  call(call: Call, source: string, name: string, request: object): Promise<Answer> {
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ kind: "call", id, call, source, name, request: JSON.stringify(request) });
    });
  }

  private waiting: { call: Call; source: string; name: string; request: object; pending: Pending } | null = null;

  /** Queue a call, replacing a queued `latest` call that has not started (it rejects with
   * `Cancelled`): while a slider moves, only the newest position is computed. */
  latest(call: Call, source: string, name: string, request: object): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      this.waiting?.pending.reject(new Cancelled());
      this.waiting = { call, source, name, request, pending: { resolve, reject } };
      if (!this.busy) this.sendWaiting();
    });
  }

  private sendWaiting(): void {
    const w = this.waiting;
    if (!w) return;
    this.waiting = null;
    this.call(w.call, w.source, w.name, w.request).then(
      (a) => {
        w.pending.resolve(a);
        this.sendWaiting();
      },
      (e: Error) => {
        w.pending.reject(e);
        this.sendWaiting();
      },
    );
  }

  /** Drop every queued and running call (each rejects with `Cancelled`). */
  cancel(): void {
    if (!this.busy) return;
    this.worker.terminate();
    const dropped = [...this.pending.values()];
    this.pending.clear();
    for (const p of dropped) p.reject(new Cancelled());
    this.start();
  }
}
