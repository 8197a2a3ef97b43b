/**
 * The objection form (异议): real name, contact, entry, reason, optional evidence; the page's bot
 * check (./bot-check/port.ts) with action "objection"; the receipt number on success, announced and
 * focused. Accepted only while the period is open; the server decides, the form only saves a
 * pointless trip.
 */
// No <For>: see the note in AdminConsole.tsx on the Solid features islands share.
import { createSignal, onMount, Show } from "solid-js";
import { createBotCheck } from "./bot-check/port";
import { periodState, type Lang } from "./publicity-core";
import "./publicity.css";

export interface ObjectionFormProps {
  lang: Lang;
  publicationId: number;
  entries: { id: number; name: string }[];
  startsAt: string;
  endsAt: string;
  /** the bot check's site key; null → test mode (./bot-check/port.ts) */
  siteKey: string | null;
}

const text = {
  zh: {
    entry: "异议对象",
    choose: "请选择",
    name: "真实姓名",
    contact: "联系方式（手机或邮箱）",
    reason: "异议理由",
    evidence: "证明材料说明（选填）",
    evidenceHint: "如有证明材料，请说明材料内容及提供方式。",
    submit: "提交异议",
    sending: "正在提交…",
    bot: "请完成人机验证…",
    botFailed: "人机验证未完成，请重试。",
    network: "网络异常，异议未提交，请重试。",
    receipt: (r: string) => `已收到您的异议。回执编号：${r}`,
    keep: "请保存回执编号。主办方核实后将通过您留下的联系方式答复。",
    upcoming: "公示尚未开始，开始后可在此提交异议。",
    ended: "公示期已结束，不再受理异议。",
  },
  en: {
    entry: "Entry you object to",
    choose: "Choose…",
    name: "Real name",
    contact: "Contact (phone or email)",
    reason: "Reason",
    evidence: "Supporting material (optional)",
    evidenceHint: "Describe any supporting material and how you can provide it.",
    submit: "Submit objection",
    sending: "Submitting…",
    bot: "Please complete the bot check…",
    botFailed: "The bot check did not complete; please try again.",
    network: "Network error: the objection was not submitted. Please try again.",
    receipt: (r: string) => `Your objection was received. Receipt number: ${r}`,
    keep: "Keep the receipt number. The organizer will check and answer through the contact you gave.",
    upcoming: "Publicity has not started; objections can be submitted here once it has.",
    ended: "The publicity period has ended; objections are no longer accepted.",
  },
};

/** Sends the form's fields; the API's answer, or {} when it was not JSON. */
async function postObjection(props: ObjectionFormProps, data: FormData, token: string) {
  const evidence = String(data.get("evidence") ?? "").trim();
  const res = await fetch("/api/objections", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", "accept-language": props.lang === "en" ? "en" : "zh-CN" },
    body: JSON.stringify({
      publicationId: props.publicationId,
      entryId: Number(data.get("entryId")),
      name: String(data.get("name") ?? ""),
      contact: String(data.get("contact") ?? ""),
      reason: String(data.get("reason") ?? ""),
      ...(evidence ? { evidence } : {}),
      token,
    }),
  });
  const body = (await res.json().catch(() => ({}))) as { receipt?: string; error?: { message?: string } };
  return { status: res.status, body };
}

export default function ObjectionForm(props: ObjectionFormProps) {
  const t = text[props.lang];
  const [now, setNow] = createSignal<number | undefined>(undefined);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  const [receipt, setReceipt] = createSignal("");
  let botBox!: HTMLDivElement;
  let receiptBox!: HTMLDivElement;
  const bot = createBotCheck(props, "objection", () => setError(t.bot));
  onMount(() => setNow(Date.now()));

  const state = () => (now() === undefined ? "open" : periodState(props.startsAt, props.endsAt, now()!));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (!form.reportValidity()) return;
    setNow(Date.now());
    if (state() !== "open") return;
    const data = new FormData(form);
    setBusy(true);
    setError("");
    try {
      let token: string;
      try {
        token = await bot.token(botBox);
      } catch {
        setError(t.botFailed);
        return;
      }
      setError("");
      // tokens are single use: whatever the answer, the next submission needs a fresh one
      const { status, body } = await postObjection(props, data, token).finally(() => bot.spent());
      if (status === 201 && body.receipt) {
        setReceipt(body.receipt);
        form.reset();
        queueMicrotask(() => receiptBox?.focus());
      } else {
        setError(body.error?.message ?? t.network);
      }
    } catch {
      setError(t.network);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="of">
      <Show when={receipt()}>
        <div class="of-receipt" role="status" tabindex="-1" ref={receiptBox}>
          <p class="of-receipt-main">{t.receipt(receipt())}</p>
          <p>{t.keep}</p>
        </div>
      </Show>
      <Show when={state() === "upcoming"}>
        <p class="of-note">{t.upcoming}</p>
      </Show>
      <Show when={state() === "ended"}>
        <p class="of-note">{t.ended}</p>
      </Show>
      <Show when={state() === "open"}>
        <form class="of-form" onSubmit={submit}>
          <ObjectionFields lang={props.lang} publicationId={props.publicationId} entries={props.entries} />
          <div class="of-bot" ref={botBox} />
          {/* held until hydrated: a tap before then would send the page's own form and lose what was typed */}
          <button type="submit" class="of-submit" disabled={busy() || now() === undefined}>
            {busy() ? t.sending : t.submit}
          </button>
          <p class="of-error" role="alert">
            {error()}
          </p>
        </form>
      </Show>
    </div>
  );
}

/** The fields the API asks for, with the limits it enforces, so the browser can say so first. */
function ObjectionFields(props: Pick<ObjectionFormProps, "lang" | "publicationId" | "entries">) {
  const t = text[props.lang];
  const id = (name: string) => `of-${props.publicationId}-${name}`;
  return (
    <>
      <label for={id("entry")}>{t.entry}</label>
      <select id={id("entry")} name="entryId" required>
        <option value="">{t.choose}</option>
        {props.entries.map((e) => (
          <option value={e.id}>{e.name}</option>
        ))}
      </select>
      <label for={id("name")}>{t.name}</label>
      <input id={id("name")} name="name" required maxlength="50" autocomplete="name" />
      <label for={id("contact")}>{t.contact}</label>
      <input id={id("contact")} name="contact" required minlength="5" maxlength="100" autocomplete="tel" />
      <label for={id("reason")}>{t.reason}</label>
      <textarea id={id("reason")} name="reason" required maxlength="2000" rows="5" />
      <label for={id("evidence")}>{t.evidence}</label>
      <textarea id={id("evidence")} name="evidence" maxlength="5000" rows="3" aria-describedby={id("evidence-hint")} />
      <p class="of-hint" id={id("evidence-hint")}>
        {t.evidenceHint}
      </p>
    </>
  );
}
