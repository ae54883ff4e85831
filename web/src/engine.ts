// The detente core as a WebAssembly module: five C-ABI exports over byte buffers
// (crates/detente-web/src/exports.rs). The caller copies each UTF-8 argument into a buffer
// the module allocates, calls, reads the answer from the module's memory, and frees.
//
// The module is built without the large history tables (world panel, military spending,
// alliances). A call that needs one answers an error of kind "history" naming the
// files; `missingHistory` reads them, the caller fetches each and hands it to `provide`, then
// calls again.

/** The calls the module answers, by number (`Call` in exports.rs). */
export const Call = {
  Check: 0,
  Run: 1,
  Align: 2,
  Report: 3,
  Flagship: 4,
  Edited: 5,
} as const;
export type Call = (typeof Call)[keyof typeof Call];

interface Exports {
  memory: WebAssembly.Memory;
  detente_alloc(len: number): number;
  detente_free(ptr: number, len: number): void;
  detente_call(
    call: number,
    source: number,
    sourceLen: number,
    name: number,
    nameLen: number,
    request: number,
    requestLen: number,
  ): number;
  detente_output(): number;
  detente_provide(name: number, nameLen: number, bytes: number, bytesLen: number): number;
}

/** The history files an answer asks for (`{"error": {"kind": "history", "missing": […]}}`),
 * or none. */
export function missingHistory(answer: string): string[] {
  if (!answer.startsWith('{\n  "error"')) return [];
  const error = (JSON.parse(answer) as { error: { kind: string; missing?: string[] } }).error;
  return error.kind === "history" ? (error.missing ?? []) : [];
}

/** One instance of the core. Calls are synchronous: run them in a worker. */
export class Engine {
  private readonly exports: Exports;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  private constructor(exports: Exports) {
    this.exports = exports;
  }

  /** Instantiate a compiled module (the module needs no imports). */
  static async create(module: WebAssembly.Module): Promise<Engine> {
    const instance = await WebAssembly.instantiate(module, {});
    return new Engine(instance.exports as unknown as Exports);
  }

  /** Give the core the history file `name` (as `missingHistory` named it); false when the
   * core refuses it (not a history file, or a CSV file that is not text). */
  provide(name: string, bytes: Uint8Array): boolean {
    return this.withBuffers([this.encoder.encode(name), bytes], ([n, b]) =>
      this.exports.detente_provide(n.ptr, n.len, b.ptr, b.len) === 0,
    );
  }

  /** Answer `call` on a scenario's text, its diagnostics name and a JSON request. */
  call(call: Call, source: string, name: string, request: string): string {
    const x = this.exports;
    const texts = [source, name, request].map((t) => this.encoder.encode(t));
    return this.withBuffers(texts, ([s, n, r]) => {
      const len = x.detente_call(call, s.ptr, s.len, n.ptr, n.len, r.ptr, r.len);
      // The memory may have grown during the call: view it afresh.
      return this.decoder.decode(new Uint8Array(x.memory.buffer, x.detente_output(), len));
    });
  }

  /** Copy each of `args` into a buffer the module allocates, run `use` on the buffers,
   * and free them. */
  private withBuffers<T>(args: Uint8Array[], use: (buffers: { ptr: number; len: number }[]) => T): T {
    const x = this.exports;
    const buffers = args.map((bytes) => {
      const ptr = x.detente_alloc(bytes.length);
      new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
      return { ptr, len: bytes.length };
    });
    try {
      return use(buffers);
    } finally {
      for (const b of buffers) x.detente_free(b.ptr, b.len);
    }
  }
}
