/** Reading request bodies: JSON validated by a schema, raw bytes with a size limit, spreadsheets. */
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { IncomingMessage } from "node:http";
import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import type { ScoreFileFormat } from "../services/score-file.ts";
import { MAX_SCORE_FILE_BYTES, scoreFormatOf, XLSX_TYPE } from "../services/scores.ts";

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i;
/** Not streaming, so one decoder serves every request (`fatal`: bytes that are not UTF-8 throw). */
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Reads and validates a JSON body: 415 when it is not JSON, 400 naming the first bad field. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, maxBytes = 16 * 1024): Promise<z.infer<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!JSON_TYPE.test(type)) throw new AppError("unsupported_media_type");
  const bytes = await readBody(c, maxBytes);
  let raw: unknown;
  try {
    raw = JSON.parse(UTF8.decode(bytes));
  } catch {
    throw new AppError("invalid_request", { zh: "请求体不是有效的 JSON", en: "The body is not valid JSON" });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join(".") || "body";
    throw new AppError("invalid_request", { zh: `字段 ${path} 无效：${issue.message}`, en: `Invalid field ${path}: ${issue.message}` });
  }
  return parsed.data;
}

/** The raw body, refused with 413 past `maxBytes` whether or not Content-Length tells the truth. */
export async function readBody(c: Context, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large");
  // On Node, read the socket's stream directly, by its events: building a web Request body, or
  // even an async iterator over the stream, costs more than the vote itself. Elsewhere (Workers),
  // the standard body stream.
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && !incoming.readableEnded) return readIncoming(incoming, maxBytes);
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new AppError("payload_too_large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * A Node request's body from its events. Past `maxBytes` the request is destroyed, as leaving a
 * `for await` over it would do, and the read fails with 413; a request that closes before its end
 * fails as a client that went away.
 */
function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => new IncomingBody(incoming, maxBytes, resolve, reject));
}

/**
 * One body being read. Its listeners are bound methods, not closures: the TypeScript loader names
 * every named closure as it is made (`__name`, an `Object.defineProperty` each), four a request.
 */
class IncomingBody {
  readonly #chunks: Buffer[] = [];
  #size = 0;
  readonly #onData = this.#data.bind(this);
  readonly #onEnd = this.#end.bind(this);
  readonly #onError = this.#error.bind(this);
  readonly #onClose = this.#close.bind(this);

  constructor(
    private readonly incoming: IncomingMessage,
    private readonly maxBytes: number,
    private readonly resolve: (body: Uint8Array) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    incoming.on("data", this.#onData);
    incoming.on("end", this.#onEnd);
    incoming.on("error", this.#onError);
    incoming.on("close", this.#onClose);
  }

  #done(): void {
    this.incoming.off("data", this.#onData);
    this.incoming.off("end", this.#onEnd);
    this.incoming.off("error", this.#onError);
    this.incoming.off("close", this.#onClose);
  }

  #data(chunk: Buffer): void {
    this.#size += chunk.byteLength;
    if (this.#size > this.maxBytes) {
      this.#done();
      this.incoming.destroy();
      this.reject(new AppError("payload_too_large"));
    } else this.#chunks.push(chunk);
  }

  #end(): void {
    this.#done();
    this.resolve(this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks));
  }

  #error(error: Error): void {
    this.#done();
    this.reject(error);
  }

  #close(): void {
    this.#done();
    this.reject(new Error("the request closed before its body ended"));
  }
}

const ACCEPTED = ["text/csv", "text/plain", "application/csv", XLSX_TYPE, "application/octet-stream"];

/**
 * An organizer's spreadsheet sent as the raw body (scores, indicator figures, cases): 415 unless it
 * is CSV or XLSX, 413 over the size limit. `what` names the file in the 415 message.
 */
export async function spreadsheetBody(
  c: Context,
  what: { zh: string; en: string },
): Promise<{ bytes: Uint8Array; format: ScoreFileFormat }> {
  const unsupported = () =>
    new AppError("unsupported_media_type", {
      zh: `请以 CSV（Content-Type: text/csv）或 XLSX（application/vnd.openxmlformats-officedocument.spreadsheetml.sheet）提交${what.zh}`,
      en: `Send the ${what.en} as CSV (Content-Type: text/csv) or XLSX`,
    });
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!ACCEPTED.includes(type)) throw unsupported();
  const bytes = await readBody(c, MAX_SCORE_FILE_BYTES);
  const format = scoreFormatOf(type, bytes);
  if (!format) throw unsupported();
  return { bytes, format };
}

const YAML_TYPE = /^(?:application\/(?:x-)?yaml|text\/yaml)\s*(?:;.*)?$/i;

/**
 * A document body as JSON (any JSON type) or YAML (`application/yaml`, `text/yaml`,
 * `application/x-yaml`): a campaign file as an organizer keeps it. Other types 415; text that is
 * not UTF-8, JSON or YAML 400.
 */
export async function readDocument(c: Context, maxBytes: number): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  const yaml = YAML_TYPE.test(type);
  if (!yaml && !JSON_TYPE.test(type)) throw new AppError("unsupported_media_type");
  const bytes = await readBody(c, maxBytes);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new AppError("invalid_request", { zh: "请求体不是 UTF-8 文本", en: "The body is not UTF-8 text" });
  }
  if (!yaml) {
    try {
      return JSON.parse(text);
    } catch {
      throw new AppError("invalid_request", { zh: "请求体不是有效的 JSON", en: "The body is not valid JSON" });
    }
  }
  try {
    // the core schema, as the CLI reads files: dates stay strings for the campaign schema to check
    return parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? `（第 ${error.linePos[0].line} 行）` : "";
    const whereEn = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : "";
    throw new AppError("invalid_request", { zh: `请求体不是有效的 YAML${where}`, en: `The body is not valid YAML${whereEn}` });
  }
}
