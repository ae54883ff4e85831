// The page's state in a URL fragment: the inputs moved (by path) and, when the scenario is not
// the bundled flagship, its text (deflated) and name. Nothing leaves the browser: the fragment
// is never sent to a server.

export interface Override {
  path: string;
  value: number;
}

interface Scenario {
  name: string;
  file: string | null;
  source: string;
}

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

const fromBase64Url = (text: string) =>
  Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The fragment (without `#`) that restores `scenario` with `overrides`. */
export async function encodeState(scenario: Scenario, flagship: string, overrides: Override[]): Promise<string> {
  const p = new URLSearchParams();
  if (overrides.length) p.set("o", overrides.map((o) => `${o.path}=${o.value}`).join(";"));
  if (scenario.source !== flagship || scenario.file !== null) {
    const packed = await through(new TextEncoder().encode(scenario.source), new CompressionStream("deflate-raw"));
    p.set("n", scenario.name);
    p.set("t", toBase64Url(packed));
  }
  return p.toString();
}

/** The state a fragment encodes; `null` when it encodes none (or is damaged). */
export async function decodeState(
  hash: string,
  flagship: string,
): Promise<{ scenario: Scenario; overrides: Override[] } | null> {
  try {
    const p = new URLSearchParams(hash);
    const overrides = (p.get("o") ?? "")
      .split(";")
      .filter(Boolean)
      .map((pair) => {
        const k = pair.lastIndexOf("=");
        return { path: pair.slice(0, k), value: Number(pair.slice(k + 1)) };
      })
      .filter((o) => o.path && Number.isFinite(o.value));
    const packed = p.get("t");
    const name = p.get("n") ?? "scenario.toml";
    const scenario: Scenario = packed
      ? {
          name,
          file: name,
          source: new TextDecoder().decode(await through(fromBase64Url(packed), new DecompressionStream("deflate-raw"))),
        }
      : { name: "nato-china-2023.toml", file: null, source: flagship };
    return packed || overrides.length ? { scenario, overrides } : null;
  } catch {
    return null;
  }
}
