/** Path parameters and field formats that several routes read the same way. */
import type { Context } from "hono";
import { z } from "zod";
import { AppError } from "../errors.ts";

/** A positive integer path parameter, or 404 (an id that cannot exist names nothing). */
export function idParam(c: Context, name: string): number {
  const raw = c.req.param(name) ?? "";
  const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new AppError("not_found");
  return id;
}

/** An instant as organizers write it: ISO 8601 with its offset, so no zone is guessed. */
export const isoWithOffset = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, "须为带时区偏移的 ISO 8601 时间")
  .refine((s) => !Number.isNaN(Date.parse(s)), "不是有效的时间");

export const slugField = z.string().regex(/^[a-z0-9-]{1,64}$/, "须为榜单标识（a-z0-9-）");

/** Free text a person typed: trimmed, required, bounded, and without invisible control characters. */
export const textField = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过 ${max} 个字符`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), `${what}含有不可见的控制字符`);
