// Choices that are words, not numbers (a body's decision rule, an issue's agenda setter), are
// edited in the scenario's text itself, so the downloaded file carries them with its comments.

/** One `key = "value"` line the page offers a choice for. */
export interface Choice {
  /** `rule` or `proposer`. */
  key: "rule" | "proposer";
  /** The current value. */
  value: string;
  /** The id of the table the line belongs to (the body or the issue). */
  owner: string;
  /** Zero-based line number in the text. */
  line: number;
}

/** The decision rules the scenario format knows. */
export const RULES = [
  "consensus",
  "unanimity",
  "unanimity-with-abstention",
  "simple-majority",
  "qualified-majority",
  "reverse-qualified-majority",
];

const LINE = /^(\s*)(rule|proposer)(\s*=\s*)"([^"]*)"(.*)$/;
const HEADER = /^\s*\[\[?([A-Za-z0-9_.-]+)\]\]?\s*(#.*)?$/;
const ID = /^\s*id\s*=\s*"([^"]*)"/;

/** Every `rule = "…"` and `proposer = "…"` line of a top-level actor or issue table. */
export function choices(text: string): Choice[] {
  const out: Choice[] = [];
  let table = "";
  let owner = "";
  text.split("\n").forEach((line, k) => {
    const h = HEADER.exec(line);
    if (h) {
      table = h[1];
      owner = "";
      return;
    }
    const id = ID.exec(line);
    if (id && !owner) owner = id[1];
    const m = LINE.exec(line);
    if (m && (table === "actor" || table === "issue")) {
      out.push({ key: m[2] as Choice["key"], value: m[4], owner, line: k });
    }
  });
  return out;
}

/** `text` with the choice's line set to `value`, everything else (comments too) untouched. */
export function setChoice(text: string, choice: Choice, value: string): string {
  const lines = text.split("\n");
  lines[choice.line] = lines[choice.line].replace(LINE, (_all, indent, key, eq, _old, rest) => `${indent}${key}${eq}"${value}"${rest}`);
  return lines.join("\n");
}
