// The parts of the core's JSON the page reads (the document `detente run --format json`
// writes; `check`'s answer). Only what the page shows is typed.

export interface Located {
  severity: string;
  kind: string;
  message: string;
  key: string | null;
  expected: string | null;
  help: string | null;
  line: number | null;
  column: number | null;
}

export interface Failure {
  error: {
    kind: "scenario" | "request" | "lens";
    message?: string;
    report?: string;
    diagnostics?: { file: string; items: Located[] };
  };
}

export interface InputValue {
  path: string;
  value: number;
  range: [number, number];
  domain: [number, number] | null;
  /** The parts of the path, from the core's typed path (the page never splits a path). */
  section: "actor" | "issue" | "tie" | "escalate" | "richardson";
  issue: string | null;
  actor: string | null;
  /** A stance's number: position, salience, capability or veto_cost. */
  field: string | null;
}

export interface Checked {
  id: string;
  title: string;
  actors: number;
  issues: number;
  ties: number;
  warnings: { file: string; items: Located[] };
  inputs: InputValue[];
}

export interface Proportion {
  estimate: number;
  low: number;
  high: number;
  hits: number;
  trials: number;
}

export interface IssueDecisions {
  issue: string;
  question: string;
  status_quo: number | null;
  baseline: number;
  collective: boolean;
  rule: { kind: string } | null;
  /** A model that could not solve the issue has no `decision`. */
  answers: { model: string; decision?: { outcome: number[]; unconstrained: number[] } }[];
  setter?: {
    proposer: string;
    outcome: number;
    movement: string;
    pivotal: string[];
    deadlock: boolean;
  } | null;
  linkage?: { outcome: number; movement: string } | null;
}

export interface Summary {
  kind: string;
  n: number;
  mean?: number;
  quantiles?: [number, number][];
  estimate?: number;
  low?: number;
  high?: number;
}

export interface McResult {
  runs: number;
  metrics: { kind: string; name: string }[];
  summaries: Summary[][];
}

export interface AlignResult {
  configurations: {
    rank: number;
    energy: number;
    coalitions: { label: string; members: string[]; share: number }[];
    basin: { kind: string; share?: Proportion; exact?: number };
  }[];
  diagnostics: { stable_found: number; restarts: number; method: string };
}

export interface PolicyResult {
  id: string;
  label: string;
  note: string | null;
  summary: {
    runs: number;
    spiral: Proportion;
    onset: { median: number | null } | null;
  };
}

export interface Results {
  command?: string[];
  scenario: string;
  title: string;
  seed: number;
  runs: number;
  decide: IssueDecisions[] | null;
  decide_uncertainty: McResult | null;
  align: AlignResult | null;
  escalate: { runs: number; policies: PolicyResult[] } | null;
  richardson: {
    analysis: {
      actors: string[];
      stable: boolean;
      equilibrium: number[] | null;
      dominant: { re: number; im: number };
    };
  } | null;
  errors: { lens: string; message: string }[];
}

export function isFailure(x: unknown): x is Failure {
  return typeof x === "object" && x !== null && "error" in x;
}
