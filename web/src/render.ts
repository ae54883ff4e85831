// The four lens panels, drawn from the core's JSON. Each number shows its baseline (the
// scenario as loaded) beside it when an edit has moved it, and says on hover where it came from.

import { TEXT } from "./text";
import type { AlignResult, IssueDecisions, McResult, PolicyResult, Results } from "./types";

export type Status = "snapshot" | "quick" | "running" | "full";

/** Create an element with text and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

const fmt = (x: number, digits = 1) =>
  x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (x: number) => `${fmt(100 * x)} %`;

/** A value with a change badge against its baseline (nothing when equal or no baseline). */
function withChange(value: number, base: number | undefined, show: (x: number) => string, title: string) {
  const span = el("span", { class: "value", title }, show(value));
  if (base === undefined || Math.abs(value - base) < 1e-9) return span;
  const delta = value - base;
  const badge = el(
    "span",
    { class: `badge ${delta > 0 ? "up" : "down"}`, title: `${TEXT.was} ${show(base)}` },
    `${delta > 0 ? "▲" : "▼"} ${TEXT.was} ${show(base)}`,
  );
  return el("span", {}, span, " ", badge);
}

/** The panel's heading line with its status and run count. */
export function statusLine(status: Status, runs: number | null, refining: number | null = null): HTMLElement {
  const words =
    TEXT.status[status] +
    (runs !== null ? ` · ${TEXT.runs(runs)}` : "") +
    (refining !== null ? ` · ${TEXT.refining(refining)}` : "");
  return el("p", { class: `status ${status}`, "data-status": status }, words);
}

export function outcomeOf(d: IssueDecisions): { value: number; movement: string; how: string } {
  if (d.linkage) return { value: d.linkage.outcome, movement: d.linkage.movement, how: "linkage" };
  if (d.setter) return { value: d.setter.outcome, movement: d.setter.movement, how: TEXT.setter };
  const compromise = d.answers.find((a) => a.model === "compromise");
  return { value: compromise?.decision?.outcome[0] ?? d.baseline, movement: "", how: "compromise" };
}

/** The 5 %–95 % range of `decide.ISSUE.compromise` in the Monte Carlo, if it ran. */
function interval(mc: McResult | null, issue: string): [number, number] | null {
  if (!mc) return null;
  const k = mc.metrics.findIndex((m) => m.name === `decide.${issue}.compromise`);
  const q = k >= 0 ? mc.summaries[0]?.[k]?.quantiles : undefined;
  if (!q) return null;
  const at = (p: number) => q.find(([x]) => Math.abs(x - p) < 1e-9)?.[1];
  const lo = at(0.05);
  const hi = at(0.95);
  return lo !== undefined && hi !== undefined ? [lo, hi] : null;
}

/** A 0–100 style scale with the status quo, the outcome and its baseline's ghost. */
function scale(min: number, max: number, sq: number | null, now: number, base: number | undefined) {
  const x = (v: number) => `${(100 * (v - min)) / (max - min)}%`;
  const bar = el("div", { class: "scale", role: "img", "aria-label": `${TEXT.settles} ${fmt(now)}` });
  if (sq !== null) bar.append(el("span", { class: "mark sq", style: `left:${x(sq)}`, title: `${TEXT.statusQuo} ${fmt(sq)}` }));
  if (base !== undefined && Math.abs(base - now) > 1e-9)
    bar.append(el("span", { class: "mark ghost", style: `left:${x(base)}`, title: `${TEXT.was} ${fmt(base)}` }));
  bar.append(el("span", { class: "mark now", style: `left:${x(now)}`, title: `${TEXT.settles} ${fmt(now)}` }));
  return bar;
}

/** One move's effect on an issue's outcome when made alone. */
export interface Effect {
  label: string;
  delta: number;
}

export function decide(
  root: HTMLElement,
  res: Results,
  base: Results | null,
  scales: Map<string, [number, number]>,
  effects: Map<string, Effect[]> = new Map(),
) {
  const out: Node[] = [];
  for (const d of res.decide ?? []) {
    const o = outcomeOf(d);
    const b = base?.decide?.find((x) => x.issue === d.issue);
    const bo = b ? outcomeOf(b).value : undefined;
    const [min, max] = scales.get(d.issue) ?? [0, 100];
    const span = interval(res.decide_uncertainty, d.issue);
    const where = `${TEXT.provenance}decide.${d.issue} (${o.how}${d.rule ? `, ${TEXT.rule} ${d.rule.kind}` : ""})`;
    const models = el(
      "p",
      { class: "models" },
      `${TEXT.models}: `,
      d.answers.map((a) => `${a.model} ${a.decision ? fmt(a.decision.unconstrained[0] ?? NaN) : "–"}`).join(" · "),
    );
    out.push(
      el(
        "section",
        { class: "issue", "data-issue": d.issue },
        el("h3", {}, d.question),
        el(
          "p",
          { class: "answer" },
          `${TEXT.settles} `,
          withChange(o.value, bo, (v) => fmt(v), where),
          o.movement ? ` (${TEXT.movement[o.movement] ?? o.movement})` : "",
          span ? ` · ${TEXT.interval90}: ${fmt(span[0])}–${fmt(span[1])}` : "",
        ),
        scale(min, max, d.status_quo, o.value, bo),
        el(
          "p",
          { class: "detail" },
          d.rule ? `${TEXT.rule}: ${d.rule.kind}` : TEXT.noBody,
          d.setter ? ` · ${TEXT.setter}: ${d.setter.proposer}` : "",
          d.setter && d.setter.pivotal.length ? ` · ${TEXT.pivotal}: ${d.setter.pivotal.join(", ")}` : "",
          d.status_quo !== null ? ` · ${TEXT.statusQuo}: ${fmt(d.status_quo)}` : "",
        ),
        models,
        ...movedBy(effects.get(d.issue) ?? []),
      ),
    );
  }
  root.replaceChildren(...(out.length ? out : [el("p", {}, TEXT.noLens)]));
}

/** "What moved it": each move's effect alone, largest first (nothing when no move matters). */
function movedBy(effects: Effect[]): HTMLElement[] {
  const moving = effects.filter((e) => Math.abs(e.delta) >= 0.05).sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  if (!moving.length) return [];
  const sign = (x: number) => (x > 0 ? `+${fmt(x)}` : `−${fmt(-x)}`);
  return [
    el(
      "p",
      { class: "levers", "data-levers": "" },
      el("strong", {}, `${TEXT.movedBy}: `),
      moving.map((e) => `${e.label} ${sign(e.delta)}`).join(" · "),
    ),
  ];
}

function basinShare(c: AlignResult["configurations"][number]): number | undefined {
  return c.basin.share?.estimate ?? c.basin.exact;
}

export function align(root: HTMLElement, res: Results, base: Results | null) {
  const a = res.align;
  if (!a) {
    root.replaceChildren(el("p", {}, TEXT.noLens));
    return;
  }
  const best = a.configurations[0];
  const bbest = base?.align?.configurations[0];
  const rows = best.coalitions.map((c) => {
    const was = bbest?.coalitions.find((x) => x.label === c.label);
    const moved = was ? c.members.filter((m) => !was.members.includes(m)) : [];
    return el(
      "li",
      { "data-coalition": c.label },
      el("strong", {}, `${TEXT.coalition} ${c.label}: `),
      c.members.join(", "),
      moved.length ? el("span", { class: "badge up" }, ` + ${moved.join(", ")}`) : "",
    );
  });
  const share = basinShare(best);
  root.replaceChildren(
    el("ul", { class: "coalitions" }, ...rows),
    el(
      "p",
      { class: "detail" },
      share !== undefined ? `${TEXT.basin}: ${pct(share)} · ` : "",
      `${TEXT.energy} ${best.energy.toFixed(4)} · ${a.diagnostics.stable_found} ${TEXT.stable}`,
    ),
  );
}

export function escalate(root: HTMLElement, res: Results, base: Results | null) {
  const e = res.escalate;
  if (!e) {
    root.replaceChildren(el("p", {}, TEXT.noLens));
    return;
  }
  const head = el(
    "tr",
    {},
    el("th", { scope: "col" }, TEXT.policy),
    el("th", { scope: "col" }, TEXT.spiral),
    el("th", { scope: "col" }, TEXT.interval95),
  );
  const rows = e.policies.map((p: PolicyResult) => {
    const b = base?.escalate?.policies.find((x) => x.id === p.id);
    const s = p.summary.spiral;
    return el(
      "tr",
      { "data-policy": p.id },
      el("th", { scope: "row", title: p.note ?? "" }, p.label),
      el("td", {}, withChange(s.estimate, b?.summary.spiral.estimate, pct, `${TEXT.provenance}escalate.${p.id}.spiral, ${s.hits} of ${s.trials} runs`)),
      el("td", {}, `${pct(s.low)}–${pct(s.high)}`),
    );
  });
  root.replaceChildren(el("table", {}, el("thead", {}, head), el("tbody", {}, ...rows)));
}

export function richardson(root: HTMLElement, res: Results, base: Results | null) {
  const r = res.richardson;
  if (!r) {
    root.replaceChildren(el("p", {}, TEXT.noLens));
    return;
  }
  const a = r.analysis;
  const b = base?.richardson?.analysis;
  root.replaceChildren(
    el("p", { class: "answer" }, a.stable ? TEXT.stableRace : TEXT.unstableRace),
    el(
      "p",
      { class: "detail" },
      `${TEXT.dominant}: `,
      withChange(a.dominant.re, b?.dominant.re, (v) => v.toFixed(3), `${TEXT.provenance}richardson.dominant`),
      a.equilibrium
        ? ` · ${TEXT.equilibrium}: ${a.actors.map((id, k) => `${id} ${fmt(a.equilibrium![k], 0)}`).join(", ")}`
        : "",
    ),
  );
}
