/**
 * Requests Node's HTTP parser refuses before any handler sees them: headers or an address past
 * the 16 KB limit (431), or bytes that are not HTTP (400). Node's own answer is a bare status line
 * with no body; this one keeps the contract's error shape, so a client always gets
 * `{"error":{"code","message"}}` (Chinese: the request's language is not known, its headers were
 * never read). The connection closes after it: the stream cannot be trusted past a parse error.
 */
import type { Socket } from "node:net";
import { errorBody, type ErrorCode } from "../errors.ts";

const REASONS: Record<number, string> = { 400: "Bad Request", 431: "Request Header Fields Too Large" };

/** The status and error code for a parser error, from its Node error code. */
export function clientErrorAnswer(nodeCode: string | undefined): { status: number; code: ErrorCode } {
  if (nodeCode === "HPE_HEADER_OVERFLOW") return { status: 431, code: "headers_too_large" };
  return { status: 400, code: "invalid_request" };
}

/** The raw HTTP/1.1 answer for a parser error. */
export function clientErrorResponse(nodeCode: string | undefined): string {
  const { status, code } = clientErrorAnswer(nodeCode);
  const body = JSON.stringify(errorBody(code, "zh"));
  return (
    `HTTP/1.1 ${status} ${REASONS[status]}\r\n` +
    "Content-Type: application/json; charset=utf-8\r\n" +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    "X-Content-Type-Options: nosniff\r\n" +
    "Cache-Control: no-store\r\n" +
    "Connection: close\r\n\r\n" +
    body
  );
}

/** For `server.on("clientError", …)`: answer in the contract's shape when the socket still can. */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // a reset or a timed-out socket has nobody left to answer
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  // a client too slow to send its headers gets Node's own bare 408, as before
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    socket.end("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n");
    return;
  }
  socket.end(clientErrorResponse(error.code));
}
