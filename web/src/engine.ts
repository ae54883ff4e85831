// The detente core as a WebAssembly module: four C-ABI exports over byte buffers
// (crates/detente-web/src/exports.rs). The caller copies each UTF-8 argument into a buffer
// the module allocates, calls, reads the answer from the module's memory, and frees.

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

  /** Answer `call` on a scenario's text, its diagnostics name and a JSON request. */
  call(call: Call, source: string, name: string, request: string): string {
    const x = this.exports;
    const buffers = [source, name, request].map((text) => {
      const bytes = this.encoder.encode(text);
      const ptr = x.detente_alloc(bytes.length);
      new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
      return { ptr, len: bytes.length };
    });
    try {
      const [s, n, r] = buffers;
      const len = x.detente_call(call, s.ptr, s.len, n.ptr, n.len, r.ptr, r.len);
      // The memory may have grown during the call: view it afresh.
      return this.decoder.decode(new Uint8Array(x.memory.buffer, x.detente_output(), len));
    } finally {
      for (const b of buffers) x.detente_free(b.ptr, b.len);
    }
  }
}
