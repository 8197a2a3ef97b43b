/** A signed-in sheet: the assignments, a row of signals per entry, and the saver between them and the API. */
import { createSignal, type Accessor } from "solid-js";
import type { Api } from "./api";
import { createSaver, type Saver, type SaveState } from "./saver";
import { cellsOf, entryStatus, hasInvalid, scoresFromValues, valuesFromScores, type Cell, type EntryStatus, type Values } from "./sheet";
import type { Assignments, Entry, SavedDraft } from "./types";

export interface Row {
  entry: Entry;
  cells: Cell[];
  values: Accessor<Values>;
  comment: Accessor<string>;
  save: Accessor<SaveState>;
  status: () => EntryStatus;
  /** a cell's or the comment's new content: shown at once, kept on the device, saved shortly */
  set: (values: Values, comment: string) => void;
}

export interface Sheet {
  data: Assignments;
  rows: Row[];
  row: (id: number) => Row | undefined;
  scored: () => number;
  /** entries with changes the server has not confirmed */
  unsaved: () => number;
  locked: () => boolean;
  saver: Saver;
}

export function createSheet(data: Assignments, api: Api, prefix: string, onLocked: () => void): Sheet {
  const { range } = data;
  const locked = data.status === "submitted";
  const rows: Row[] = [];
  const byId = new Map<number, Row & { setSave: (s: SaveState) => void; adopt: (d: SavedDraft) => void }>();
  const saver = createSaver({
    prefix,
    put: (id, body, keepalive) => api<SavedDraft>(`/api/scoring/entries/${id}`, { method: "PUT", body: JSON.stringify(body), keepalive }),
    scoresOf: (id, draft) => {
      const row = byId.get(id)!;
      return hasInvalid(draft.values, row.cells, range) ? null : scoresFromValues(draft.values, row.cells, range);
    },
    onState: (id, state) => byId.get(id)?.setSave(state),
    onSaved: (id, saved, newer) => newer && byId.get(id)?.adopt(saved),
    onLocked,
  });
  for (const entry of data.entries) {
    const cells = cellsOf(entry, data.components);
    const kept = locked ? undefined : saver.load(entry.id, entry.revision);
    const [values, setValues] = createSignal<Values>(kept?.values ?? valuesFromScores(entry.scores, cells));
    const [comment, setComment] = createSignal(kept?.comment ?? entry.comment ?? "");
    const [save, setSave] = createSignal<SaveState>(
      kept ? { kind: "saving" } : entry.savedAt ? { kind: "saved", at: entry.savedAt } : { kind: "idle" },
    );
    const row = {
      entry,
      cells,
      values,
      comment,
      save,
      setSave,
      status: () => entryStatus(values(), comment(), cells, range),
      set: (v: Values, c: string) => {
        setValues(v);
        setComment(c);
        saver.change(entry.id, v, c);
      },
      adopt: (saved: SavedDraft) => {
        setValues(valuesFromScores(saved.scores, cells));
        setComment(saved.comment ?? "");
      },
    };
    rows.push(row);
    byId.set(entry.id, row);
  }
  const waiting = (s: SaveState) =>
    s.kind === "saving" || s.kind === "offline" || s.kind === "held" || (s.kind === "error" && s.status === 422);
  return {
    data,
    rows,
    row: (id) => byId.get(id),
    scored: () => rows.filter((r) => r.status() === "done").length,
    unsaved: () => rows.filter((r) => waiting(r.save())).length,
    locked: () => locked,
    saver,
  };
}
