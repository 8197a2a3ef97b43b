/**
 * HTTP as it travels: fetch decodes br and gzip by itself, and these tests need the bytes as sent,
 * so one request here is node:http with nothing decoded.
 */
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** the body's bytes as they came over the connection */
  bytes: Buffer;
  /** the body with its Content-Encoding undone */
  decoded: Buffer;
}

export function decode(bytes: Buffer, encoding: string | undefined): Buffer {
  // HEAD and 304: the headers of a coded body, and no body
  if (bytes.length === 0) return bytes;
  if (encoding === "br") return brotliDecompressSync(bytes);
  if (encoding === "gzip") return gunzipSync(bytes);
  if (encoding && encoding !== "identity") throw new Error(`unexpected Content-Encoding ${encoding}`);
  return bytes;
}

/** One request; `accept-encoding` absent from `headers` means the request has none. */
export function rawRequest(url: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const bytes = Buffer.concat(chunks);
        try {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, decoded: decode(bytes, res.headers["content-encoding"]) });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

export const accepting = (encoding: string) => ({ "accept-encoding": encoding });
