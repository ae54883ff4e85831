// The page: one scenario (its text and the inputs moved on it), three cores in workers (one for
// decide while an actor is dragged; a quick one for align, the arms race, decide's Monte Carlo
// and escalate's later quick passes; a full one for escalate's first quick pass and then the
// full-precision run, which so has a processor core of its own), and the four lens panels. Every edit is an override by input path, the
// same paths `detente sweep` and `detente levers` take.

import { Call } from "./engine";
import { Cancelled, Core } from "./core";
import * as render from "./render";
import { el, type Status } from "./render";
import { choices, RULES, setChoice, type Choice } from "./choices";
import { decodeState, encodeState, type Override } from "./share";
import { TEXT } from "./text";
import { isFailure, type Checked, type InputValue, type Located, type Results } from "./types";

/** Decision models at the modes while an actor is dragged (milliseconds each). */
const QUICK_MODELS = ["compromise", "median", "nash"];
/** Escalate's quick passes while the full run computes (runs per policy). */
const ESCALATE_PASSES = [200, 2000];

interface Scenario {
  /** The name diagnostics show. */
  name: string;
  /** The file as the command line names it (`null`: the bundled flagship, unedited). */
  file: string | null;
  source: string;
}

const state = {
  scenario: { name: TEXT.flagshipName, file: null, source: "" } as Scenario,
  flagship: "",
  overrides: [] as Override[],
  inputs: [] as InputValue[],
  /** The answers of the scenario as loaded (no overrides), for ghosts and badges. */
  baseline: null as Results | null,
  /** The newest answers, lens by lens. */
  shown: null as Results | null,
  /** The full run's JSON text (what `detente run --format json` writes). */
  fullJson: null as string | null,
  generation: 0,
  /** Each move's effect alone on each issue's outcome (issue → effects). */
  effects: new Map<string, render.Effect[]>(),
};

const $ = (id: string) => document.getElementById(id)!;
/** Decide while a slider moves (only the newest position is computed). */
let drag: Core;
/** Checks, align, the arms race, decide's Monte Carlo and escalate's quick passes (cancelled
 * by a newer edit). */
let quick: Core;
/** The full run (cancelled by a newer edit). */
let full: Core;

function request(extra: object = {}): object {
  return {
    ...(state.scenario.file ? { file: state.scenario.file } : {}),
    ...(state.overrides.length ? { overrides: state.overrides } : {}),
    ...extra,
  };
}

/** The lenses with a live answer for the current scenario (the rest show the saved one). */
const live = new Set<string>();
const shownStatus = new Map<string, [Status, number | null]>();

function setStatus(lens: string, status: Status, runs: number | null, refining: number | null = null) {
  shownStatus.set(lens, [status, runs]);
  $(`status-${lens}`).replaceWith(Object.assign(render.statusLine(status, runs, refining), { id: `status-${lens}` }));
}

/** Say that a lens is being refined, keeping its shown answer's status. */
function refining(lens: string, runs: number) {
  const [status, shownRuns] = shownStatus.get(lens) ?? ["running", null];
  if (live.has(lens)) setStatus(lens, status, shownRuns, runs);
  else setStatus(lens, "running", runs);
}

function scales(): Map<string, [number, number]> {
  const m = new Map<string, [number, number]>();
  for (const i of state.inputs) {
    if (i.issue && i.field === "position" && i.domain) m.set(i.issue, i.domain);
  }
  return m;
}

/** Merge the lenses a partial run answered into what is shown, and draw them. */
function show(res: Results, lenses: string[], status: Status, runs: number | null) {
  const base = state.overrides.length ? state.baseline : null;
  const merged = { ...(state.shown ?? res) } as Results;
  for (const lens of lenses) measured(`render ${lens}`, () => drawLens(lens));
  state.shown = merged;

  function drawLens(lens: string) {
    if (lens === "decide") {
      merged.decide = res.decide;
      if (res.decide_uncertainty || status === "full") merged.decide_uncertainty = res.decide_uncertainty;
      render.decide($("lens-decide"), merged, base, scales(), state.overrides.length ? state.effects : new Map());
    } else if (lens === "align") {
      merged.align = res.align;
      render.align($("lens-align"), merged, base);
    } else if (lens === "escalate") {
      merged.escalate = res.escalate;
      render.escalate($("lens-escalate"), merged, base);
    } else if (lens === "richardson") {
      merged.richardson = res.richardson;
      render.richardson($("lens-richardson"), merged, base);
    }
    setStatus(lens, status, lens === "escalate" ? (res.escalate?.runs ?? runs) : lens === "decide" ? runs : null);
    if (status !== "snapshot") live.add(lens);
  }
}

/** Run `f` as a named span on the page's performance timeline (`detente: <name>`), which the
 * browser tests read to report where the main thread spends its time. */
function measured<T>(name: string, f: () => T): T {
  const start = performance.now();
  try {
    return f();
  } finally {
    performance.measure(`detente: ${name}`, { start, end: performance.now() });
  }
}

/** Resolve in a fresh task, letting the browser paint and handle input in between. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

function showProblems(items: Located[], fatal: boolean) {
  const list = $("problems");
  $("kept").hidden = !fatal || state.shown === null;
  list.replaceChildren(
    ...(fatal ? [] : [el("li", { class: "ok" }, TEXT.noProblems)]),
    ...items.map((d) => {
      const where = d.line ? `${state.scenario.name}:${d.line}:${d.column ?? 1}` : state.scenario.name;
      const li = el(
        "li",
        { class: d.severity, "data-line": String(d.line ?? "") },
        el("button", { type: "button", class: "goto" }, where),
        ` ${d.key ? d.key + ": " : ""}${d.message}${d.expected ? ` (expected ${d.expected})` : ""}`,
      );
      li.querySelector("button")!.addEventListener("click", () => gotoLine(d.line ?? 1));
      return li;
    }),
  );
}

function gotoLine(line: number) {
  const ta = $("editor") as HTMLTextAreaElement;
  const lines = ta.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  ta.focus();
  ta.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
}

/** Run everything for the current state; a newer call makes this one stop early. */
async function refresh(options: { reloaded: boolean; dragging?: boolean }) {
  const gen = ++state.generation;
  const stale = () => gen !== state.generation;
  state.effects = new Map();
  full.cancel();
  if (!options.dragging) {
    quick.cancel();
    // The answers on screen are now the previous input's: say so until the new ones arrive.
    live.clear();
    for (const [lens, [, runs]] of shownStatus) setStatus(lens, "running", runs);
  }
  state.fullJson = null;
  fullShown = false;
  updateShare();
  const { source, name } = state.scenario;
  try {
    if (options.reloaded) {
      const checked = JSON.parse((await quick.call(Call.Check, source, name, {})).answer);
      if (stale()) return;
      if (isFailure(checked)) {
        showProblems(checked.error.diagnostics?.items ?? [], true);
        return;
      }
      const c = checked as Checked;
      state.inputs = c.inputs;
      showProblems(c.warnings.items, false);
      buildControls();
    }
    // Quick pass: decide with the fast models at the modes, then align and the arms race.
    const d = await drag.latest(Call.Run, source, name, request({ lenses: ["decide"], runs: 0, models: QUICK_MODELS }));
    if (stale()) return;
    const dres = JSON.parse(d.answer);
    if (isFailure(dres)) return showRequestError(dres.error.message ?? "");
    show(dres, ["decide"], "quick", null);
    $("decide-ms").textContent = `${d.ms.toFixed(0)} ms`;
    if (options.dragging) return scheduleSettled();
    // Escalate's first quick pass and then the full run in their own worker, while this one
    // answers the quick lenses, decide's Monte Carlo and escalate's later quick passes on the
    // other core.
    void fullRun(gen, stale);
    const ar = JSON.parse((await quick.call(Call.Run, source, name, request({ lenses: ["align", "richardson"], runs: 0 }))).answer);
    if (stale()) return;
    show(ar, ["align", "richardson"], "full", null);
    const dm = JSON.parse((await quick.call(Call.Run, source, name, request({ lenses: ["decide"] }))).answer);
    if (stale()) return;
    await explain(stale);
    if (stale()) return;
    if (!fullShown) show(dm, ["decide"], "full", dm.runs);
    for (const runs of ESCALATE_PASSES.slice(1)) await escalatePass(runs, stale);
  } catch (e) {
    failed(e);
  }
}

/** Whether the full run's answer is on screen for the current input (a quick pass that
 * finishes later must not replace it). */
let fullShown = false;

/** One of escalate's quick passes, in `core`. */
async function escalatePass(runs: number, stale: () => boolean, core = quick) {
  if (fullShown) return;
  const { source, name } = state.scenario;
  refining("escalate", runs);
  const e = JSON.parse((await core.call(Call.Run, source, name, request({ lenses: ["escalate"], runs }))).answer);
  if (stale() || fullShown) return;
  if (isFailure(e)) return showRequestError(e.error.message ?? e.error.kind);
  show(e, ["escalate"], "quick", runs);
  refining("escalate", state.shown?.runs ?? 0);
}

/** A failure that is not a cancellation: say so where the problems are, and in the console. */
function failed(e: unknown) {
  if (e instanceof Cancelled) return;
  console.error(e);
  showRequestError(`${TEXT.coreFailed} ${String(e)}`);
}

/** The most moves "What moved it" takes apart (one decide run each). */
const MAX_EXPLAINED = 12;

/** Run decide with each move alone and with none, and keep each move's effect per issue. */
async function explain(stale: () => boolean) {
  state.effects = new Map();
  if (!state.overrides.length || state.overrides.length > MAX_EXPLAINED) return;
  const { source, name } = state.scenario;
  const at = async (overrides: Override[]) => {
    const req = { ...request({ lenses: ["decide"], runs: 0, models: QUICK_MODELS }), overrides };
    const res = JSON.parse((await quick.call(Call.Run, source, name, req)).answer);
    if (isFailure(res)) return new Map<string, number>();
    return new Map<string, number>((res as Results).decide?.map((d) => [d.issue, render.outcomeOf(d).value]) ?? []);
  };
  const none = await at([]);
  for (const o of state.overrides) {
    if (stale()) return;
    const alone = await at([o]);
    const original = state.inputs.find((i) => i.path === o.path)?.value;
    const input = state.inputs.find((i) => i.path === o.path);
    const name = input?.field && input.actor ? `${input.actor}.${input.field}` : o.path;
    const label = `${name} ${original ?? "?"} → ${o.value}`;
    for (const [issue, value] of alone) {
      const effects = state.effects.get(issue) ?? [];
      effects.push({ label, delta: value - (none.get(issue) ?? value) });
      state.effects.set(issue, effects);
    }
  }
}

let settleTimer: number | undefined;
/** After a drag stops, run the rest at full precision. */
function scheduleSettled() {
  clearTimeout(settleTimer);
  settleTimer = window.setTimeout(() => void refresh({ reloaded: false }), 250);
}

/** Escalate's first quick pass, then the full run of every lens (the downloadable JSON), in
 * the full worker. */
async function fullRun(gen: number, stale: () => boolean) {
  const { source, name } = state.scenario;
  try {
    await escalatePass(ESCALATE_PASSES[0], stale, full);
    if (stale()) return;
    const all = await full.call(Call.Run, source, name, request());
    if (gen !== state.generation) return;
    const res = measured("parse", () => JSON.parse(all.answer));
    if (isFailure(res)) return showRequestError(res.error.message ?? res.error.kind);
    fullShown = true;
    // One lens per task, so the page stays responsive while the full answer is drawn.
    for (const lens of ["decide", "align", "escalate", "richardson"]) {
      await nextTask();
      if (gen !== state.generation) return;
      show(res, [lens], "full", res.runs);
    }
    state.fullJson = all.answer;
    if (state.baseline === null && !state.overrides.length) state.baseline = res;
    updateShare();
  } catch (e) {
    failed(e);
  }
}

function showRequestError(message: string) {
  showProblems([{ severity: "error", kind: "request", message, key: null, expected: null, help: null, line: null, column: null }], true);
}

/** The override of `path`, if any. */
function overridden(path: string): number | undefined {
  return state.overrides.find((o) => o.path === path)?.value;
}

function setOverride(path: string, value: number, dragging: boolean) {
  const i = state.overrides.findIndex((o) => o.path === path);
  const original = state.inputs.find((x) => x.path === path)?.value;
  if (original !== undefined && Math.abs(original - value) < 1e-12) {
    if (i >= 0) state.overrides.splice(i, 1);
  } else if (i >= 0) state.overrides[i].value = value;
  else state.overrides.push({ path, value });
  $("moved").textContent = state.overrides.length ? TEXT.overrides(state.overrides.length) : "";
  void refresh({ reloaded: false, dragging });
}

/** A labelled control for one input: a slider on a bounded scale, a number box otherwise
 * (capabilities and populations span many orders of magnitude). */
let controls = 0;
function control(input: InputValue, label: string): HTMLElement {
  // Two ties between the same pair share a path; ids stay unique all the same.
  const id = `in-${++controls}-${input.path.replace(/[^a-zA-Z0-9]/g, "_")}`;
  const value = overridden(input.path) ?? input.value;
  const [lo, hi] = input.domain ?? [-Infinity, Infinity];
  const bounded = Number.isFinite(lo) && Number.isFinite(hi) && hi - lo <= 1000;
  const attrs: Record<string, string> = { id, value: String(value), "data-path": input.path };
  if (Number.isFinite(lo)) attrs.min = String(lo);
  if (Number.isFinite(hi)) attrs.max = String(hi);
  const box = el("input", {
    ...attrs,
    type: bounded ? "range" : "number",
    step: bounded ? String(hi - lo > 10 ? 1 : 0.01) : "any",
  }) as HTMLInputElement;
  const out = el("output", { for: id }, bounded ? String(value) : "");
  const read = () => {
    const v = Number(box.value);
    return Number.isFinite(v) && v >= lo && v <= hi ? v : undefined;
  };
  box.addEventListener("input", () => {
    const v = read();
    if (bounded) out.textContent = box.value;
    if (bounded && v !== undefined) setOverride(input.path, v, true);
  });
  box.addEventListener("change", () => {
    const v = read();
    if (v !== undefined) setOverride(input.path, v, false);
  });
  return el("div", { class: "control" }, el("label", { for: id }, label), box, out);
}

/** A select for a rule or an agenda setter; a change edits the text and runs every lens. */
function choiceControl(c: Choice, actors: string[]): HTMLElement {
  const id = `choice-${c.key}-${c.line}`;
  const options = c.key === "rule" ? RULES : [...new Set([c.value, ...actors])];
  const select = el("select", { id, "data-choice": `${c.owner}.${c.key}` }, ...options.map((o) => el("option", { value: o }, o))) as HTMLSelectElement;
  select.value = c.value;
  select.addEventListener("change", () => {
    const source = setChoice(state.scenario.source, c, select.value);
    ($("editor") as HTMLTextAreaElement).value = source;
    state.scenario = { ...state.scenario, source, file: state.scenario.name };
    void refresh({ reloaded: true });
  });
  const label = c.key === "rule" ? TEXT.ruleOf(c.owner) : TEXT.proposerOf(c.owner);
  return el("div", { class: "control choice" }, el("label", { for: id }, label), select);
}

/** What a stance input is called next to its actor. */
function stanceLabel(actor: string, field: string, issue: string): string {
  const word = (TEXT.fields as Record<string, string>)[field] ?? field;
  return `${actor} ${word} (${issue})`;
}

/** Controls for every numeric input: stances by issue and actor, then ties, actors, escalate
 * and the arms race. */
function buildControls() {
  const byIssue = new Map<string, Map<string, InputValue[]>>();
  const groups = new Map<string, InputValue[]>();
  for (const i of state.inputs) {
    if (i.issue && i.actor) {
      const actors = byIssue.get(i.issue) ?? new Map();
      actors.set(i.actor, [...(actors.get(i.actor) ?? []), i]);
      byIssue.set(i.issue, actors);
    } else {
      groups.set(i.section, [...(groups.get(i.section) ?? []), i]);
    }
  }
  const sections: HTMLElement[] = [];
  const words = choices(state.scenario.source);
  if (words.length) {
    const actors = [...new Set(state.inputs.filter((i) => i.issue && i.actor).map((i) => i.actor as string))];
    const open = el("details", { "data-group": "choices" }, el("summary", {}, TEXT.choices), ...words.map((c) => choiceControl(c, actors)));
    open.open = true;
    sections.push(open);
  }
  let first = true;
  for (const [issue, actors] of byIssue) {
    const rows = [...actors].map(([actor, inputs]) =>
      el(
        "fieldset",
        { class: "actor" },
        el("legend", {}, actor),
        ...inputs.map((i) => control(i, stanceLabel(actor, i.field ?? "", issue))),
      ),
    );
    const details = el("details", { "data-issue": issue }, el("summary", {}, `${TEXT.moveActors}: ${issue}`), ...rows);
    details.open = first;
    first = false;
    sections.push(details);
  }
  for (const [group, inputs] of groups) {
    const title = (TEXT.groups as Record<string, string>)[group] ?? group;
    sections.push(el("details", { "data-group": group }, el("summary", {}, title), ...inputs.map((i) => control(i, i.path))));
  }
  $("controls").replaceChildren(...sections);
}

function download(name: string, text: string, type: string) {
  const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

function stem(): string {
  return state.scenario.name.replace(/\.toml$/, "");
}

function updateShare() {
  ($("download-json") as HTMLButtonElement).disabled = state.fullJson === null;
}

async function loadScenario(s: Scenario, overrides: Override[]) {
  state.scenario = s;
  state.overrides = overrides;
  state.baseline = null;
  state.shown = null;
  live.clear();
  const editor = $("editor") as HTMLTextAreaElement;
  editor.value = s.source;
  // Editable once a scenario is in (typing earlier would be overwritten).
  editor.readOnly = false;
  $("scenario-name").textContent = s.name;
  $("moved").textContent = overrides.length ? TEXT.overrides(overrides.length) : "";
  await refresh({ reloaded: true });
}

function wire() {
  const editor = $("editor") as HTMLTextAreaElement;
  let typing: number | undefined;
  editor.addEventListener("input", () => {
    clearTimeout(typing);
    typing = window.setTimeout(() => {
      const edited = editor.value !== state.flagship || state.scenario.file !== null;
      state.scenario = { ...state.scenario, source: editor.value, file: edited ? state.scenario.name : null };
      state.baseline = null;
      void refresh({ reloaded: true });
    }, 300);
  });
  $("open-file").addEventListener("change", async (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) await loadScenario({ name: f.name, file: f.name, source: await f.text() }, []);
  });
  $("load-flagship").addEventListener("click", () =>
    loadScenario({ name: TEXT.flagshipName, file: null, source: state.flagship }, []),
  );
  $("reset").addEventListener("click", () => {
    state.overrides = [];
    buildControls();
    $("moved").textContent = "";
    void refresh({ reloaded: false });
  });
  // The file as edited, with the moves made by slider written into it (comments kept).
  $("download-toml").addEventListener("click", async () => {
    if (!state.overrides.length) {
      download(`${stem()}.toml`, state.scenario.source, "application/toml");
      return;
    }
    try {
      const req = { overrides: state.overrides };
      const r = JSON.parse((await quick.call(Call.Edited, state.scenario.source, state.scenario.name, req)).answer);
      if (r.error) {
        $("moved").textContent = `${TEXT.notSaved} ${r.error.message ?? r.error.kind}`;
        return;
      }
      download(`${stem()}.toml`, r.text, "application/toml");
      if (r.unwritten.length) $("moved").textContent = TEXT.unwritten(r.unwritten);
    } catch (e) {
      if (!(e instanceof Cancelled)) console.error(e);
    }
  });
  $("download-json").addEventListener("click", () => {
    if (state.fullJson) download(`${stem()}.json`, state.fullJson, "application/json");
  });
  $("download-report").addEventListener("click", async () => {
    const button = $("download-report") as HTMLButtonElement;
    button.disabled = true;
    try {
      const r = await full.call(Call.Report, state.scenario.source, state.scenario.name, request());
      if (r.answer.startsWith("<!DOCTYPE html>")) download(`${stem()}-report.html`, r.answer, "text/html");
    } catch (e) {
      if (!(e instanceof Cancelled)) console.error(e);
    } finally {
      button.disabled = false;
    }
  });
  $("copy-link").addEventListener("click", async () => {
    const hash = await encodeState(state.scenario, state.flagship, state.overrides);
    history.replaceState(null, "", `#${hash}`);
    await navigator.clipboard?.writeText(location.href).catch(() => undefined);
    $("moved").textContent = TEXT.linkCopied;
  });
}

/** Fill every `data-text` element (and `data-label` landmark) from the one text file. */
function label() {
  const lookup = (key: string): string => {
    let v: unknown = TEXT;
    for (const k of key.split(".")) v = (v as Record<string, unknown>)[k];
    return typeof v === "string" ? v : key;
  };
  for (const e of document.querySelectorAll<HTMLElement>("[data-text]")) e.textContent = lookup(e.dataset.text!);
  for (const e of document.querySelectorAll<HTMLElement>("[data-label]")) e.setAttribute("aria-label", lookup(e.dataset.label!));
}

async function main() {
  label();
  const snapshot = location.hash.length > 1 ? null : fetch(new URL("snapshot.json", import.meta.url));
  const module = await WebAssembly.compileStreaming(fetch(new URL("detente.wasm", import.meta.url)));
  const workerUrl = new URL("worker.js", import.meta.url);
  drag = new Core(module, workerUrl);
  quick = new Core(module, workerUrl);
  full = new Core(module, workerUrl);
  wire();
  state.flagship = (await quick.call(Call.Flagship, "", "", {})).answer;
  const restored = location.hash.length > 1 ? await decodeState(location.hash.slice(1), state.flagship) : null;
  if (!restored && snapshot) {
    // The saved answer for the flagship first, lens by lens until the live run replaces it.
    snapshot
      .then((r) => (r.ok ? r.json() : null))
      .then((snap: Results | null) => {
        const waiting = ["decide", "align", "escalate", "richardson"].filter((l) => !live.has(l));
        if (snap && state.scenario.file === null && !state.overrides.length && waiting.length)
          show(snap, waiting, "snapshot", snap.runs);
      })
      .catch(() => undefined);
  }
  const s = restored ?? { scenario: { name: TEXT.flagshipName, file: null, source: state.flagship }, overrides: [] };
  await loadScenario(s.scenario, s.overrides);
}

void main();
