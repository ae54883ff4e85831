// Build the page into web/dist: the core compiled to WebAssembly by cargo (profile `wasm`),
// the TypeScript bundled by esbuild, the static files, and the flagship's saved answer (the
// module itself run under Node, so the snapshot is exactly what the page computes).
//
//   npm run build                 # cargo build + bundle + snapshot
//   DETENTE_WASM=path.wasm npm run build    # use an already built module

import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const dist = join(here, "dist");
mkdirSync(dist, { recursive: true });

let wasm = process.env.DETENTE_WASM;
if (!wasm) {
  execFileSync(
    "cargo",
    ["build", "--locked", "--profile", "wasm", "-p", "detente-web", "--lib", "--target", "wasm32-unknown-unknown"],
    { cwd: root, stdio: "inherit" },
  );
  wasm = join(root, "target", "wasm32-unknown-unknown", "wasm", "detente_web.wasm");
}
copyFileSync(wasm, join(dist, "detente.wasm"));

await esbuild.build({
  entryPoints: [join(here, "src", "main.ts"), join(here, "src", "worker.ts")],
  outdir: dist,
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  logLevel: "warning",
});
for (const f of ["index.html", "style.css"]) copyFileSync(join(here, f), join(dist, f));
// The large history tables the module is built without (`detente::world::history::Table`),
// fetched by the worker when a call needs one.
mkdirSync(join(dist, "history"), { recursive: true });
for (const f of ["world/panel/panel.bin", "history/milex.csv", "history/alliances.csv"]) {
  copyFileSync(join(root, "data", f), join(dist, "history", f.split("/").pop()));
}

// The flagship's answer at its own settings, as `detente run --format json` writes it.
const { Engine, Call } = await import(await bundleForNode("engine.ts"));
const engine = await Engine.create(await WebAssembly.compile(readFileSync(join(dist, "detente.wasm"))));
const flagship = engine.call(Call.Flagship, "", "", "");
const started = performance.now();
const snapshot = engine.call(Call.Run, flagship, "nato-china-2023.toml", "{}");
if (snapshot.startsWith('{\n  "error"')) throw new Error(`the flagship failed: ${snapshot}`);
writeFileSync(join(dist, "snapshot.json"), snapshot);
console.log(`web/dist: built; flagship snapshot in ${((performance.now() - started) / 1000).toFixed(1)} s`);

async function bundleForNode(entry) {
  const out = join(dist, ".node", entry.replace(/\.ts$/, ".mjs"));
  await esbuild.build({ entryPoints: [join(here, "src", entry)], outfile: out, bundle: true, format: "esm", platform: "node", logLevel: "warning" });
  return out;
}
