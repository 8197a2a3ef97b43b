/**
 * The share sheet, loaded on the first tap of a page's 分享 control (site/components/share/
 * ShareButton.astro) or after this voter's first successful vote on the page, never before: the
 * list page's JavaScript budget (SPEC §9) has no room for it. Built on its own with esbuild
 * (site/share/bundle.ts) into /_astro/share.<hash>.js; plain DOM, no framework.
 *
 * A tap opens the browser's own share (the Web Share API) where there is one, and the sheet in any
 * case: a <dialog> opened modally (the page behind is inert, Tab cycles inside it, Esc and the close
 * button shut it, focus returns to the control) with the page's link to copy, its QR code (drawn here with uqr as
 * SVG) and its poster as an <img> to press and hold (inside WeChat a download does nothing).
 * After a vote the page invites the voter to share, once, in a banner that takes no focus and
 * blocks nothing.
 */
import { renderSVG } from "uqr";

type Lang = "zh" | "en";

const words = {
  zh: {
    title: "分享",
    close: "关闭",
    system: "发送给朋友…",
    link: "本页链接",
    copy: "复制链接",
    copied: "已复制链接，可以粘贴给朋友了。",
    copyFailed: "无法自动复制：请长按上面的链接手动复制。",
    wechat: "在微信里：点右上角 ··· ，发送给朋友或分享到朋友圈。",
    poster: "保存海报",
    posterHint: "长按图片保存，或发送给朋友",
    posterAlt: (name: string) => `${name}的分享海报`,
    download: "下载海报",
    qr: "二维码",
    qrHint: "扫码打开本页",
    qrAlt: (name: string) => `${name}的二维码，扫码打开本页`,
    invite: (name: string) => `投票成功！邀请好友为「${name}」投票`,
    inviteList: "投票成功！邀请好友一起来投票",
    inviteShare: "分享",
    inviteClose: "不用了",
  },
  en: {
    title: "Share",
    close: "Close",
    system: "Send to…",
    link: "Link to this page",
    copy: "Copy link",
    copied: "Link copied: paste it to your friends.",
    copyFailed: "Could not copy: press and hold the link above to copy it.",
    wechat: "In WeChat: tap ··· at the top right to send to a friend or share to Moments.",
    poster: "Save the poster",
    posterHint: "Press and hold the image to save or send it",
    posterAlt: (name: string) => `Share poster of ${name}`,
    download: "Download the poster",
    qr: "QR code",
    qrHint: "Scan to open this page",
    qrAlt: (name: string) => `QR code of ${name}: scan to open this page`,
    invite: (name: string) => `Vote recorded! Ask your friends to vote for ${name}`,
    inviteList: "Vote recorded! Ask your friends to vote too",
    inviteShare: "Share",
    inviteClose: "No thanks",
  },
} as const;

/** What one sheet shares: a page (the list or the entry) and its poster. */
export interface Target {
  /** the page's absolute address, as the site links it */
  url: string;
  title: string;
  /** the entry's or list's name, for the images' text */
  name: string;
  poster: string;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: (Node | string)[]) {
  const node: HTMLElementTagNameMap[K] = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

let styled = false;
function style() {
  if (styled) return;
  styled = true;
  document.head.append(el("style", { textContent: STYLE }));
}

/** The target the control describes (data-url, data-title, data-name, data-poster). */
export function targetOf(control: HTMLElement): Target {
  const d = control.dataset;
  return {
    url: new URL(d.url ?? location.pathname, location.href).href,
    title: d.title ?? document.title,
    name: d.name ?? document.title,
    poster: d.poster ?? "",
  };
}

/** On a list page, the entry just voted for, from its card: its page and poster. */
function entryTarget(control: HTMLElement, entryId: string, lang: Lang): Target | undefined {
  const card = document.querySelector<HTMLElement>(`[data-entry-card][data-entry-id="${CSS.escape(entryId)}"]`);
  const link = card?.querySelector<HTMLAnchorElement>("a[href]");
  if (!link) return undefined;
  const name = link.textContent?.trim() ?? "";
  const list = targetOf(control);
  return {
    url: link.href,
    title: `${name} · ${list.name}`,
    name,
    poster: `/api/entries/${encodeURIComponent(entryId)}/poster.png${lang === "en" ? "?lang=en" : ""}`,
  };
}

type Words = (typeof words)[Lang];

/** The page's link in a read-only field, 复制链接 and its confirmation. */
function linkPart(target: Target, w: Words) {
  const field = el("input", { type: "text", readOnly: true, value: target.url, id: "share-link", className: "share-field" });
  const status = el("p", { className: "share-status" });
  status.setAttribute("role", "status");
  const copy = el("button", { type: "button", className: "share-copy", textContent: w.copy });
  copy.addEventListener("click", async () => {
    status.textContent = (await copyText(target.url, field)) ? w.copied : w.copyFailed;
  });
  const linkRow = el(
    "div",
    { className: "share-link" },
    el("label", { htmlFor: "share-link", textContent: w.link }),
    el("div", { className: "share-row" }, field, copy),
    status,
  );
  return { linkRow, copy };
}

/** The browser's own share where it has one; in WeChat, where its menu is. */
function otherWays(target: Target, w: Words): Node[] {
  const actions: Node[] = [];
  if (typeof navigator.share === "function") {
    const system = el("button", { type: "button", className: "share-system", textContent: w.system });
    system.addEventListener("click", () => void systemShare(target));
    actions.push(system);
  }
  if (/MicroMessenger/i.test(navigator.userAgent)) actions.push(el("p", { className: "share-wechat", textContent: w.wechat }));
  return actions;
}

/** 保存海报 (the poster to long-press) and the QR code, side by side. */
function imageParts(target: Target, w: Words): HTMLElement {
  const qr = el("div", { className: "share-qr-img" });
  qr.setAttribute("role", "img");
  qr.setAttribute("aria-label", w.qrAlt(target.name));
  qr.innerHTML = renderSVG(target.url, { border: 2, pixelSize: 4 });
  const posterImg = el("img", { src: target.poster, alt: w.posterAlt(target.name), className: "share-poster-img", decoding: "async" });
  const parts = el(
    "div",
    { className: "share-parts" },
    el(
      "section",
      { className: "share-poster" },
      el("h3", { textContent: w.poster }),
      posterImg,
      el("p", { className: "share-hint", textContent: w.posterHint }),
      el("a", { href: target.poster, textContent: w.download, className: "share-download" }),
    ),
    el(
      "section",
      { className: "share-qr" },
      el("h3", { textContent: w.qr }),
      qr,
      el("p", { className: "share-hint", textContent: w.qrHint }),
    ),
  );
  parts.querySelector<HTMLAnchorElement>(".share-download")!.setAttribute("download", "");
  return parts;
}

let sheet: HTMLDialogElement | undefined;

/** The sheet for a target, opened modally; focus goes back to `from` when it closes. */
export function openSheet(target: Target, lang: Lang, from: HTMLElement | null) {
  style();
  const w = words[lang];
  sheet?.remove();
  const heading = el("h2", { id: "share-title", textContent: w.title });
  const close = el("button", { type: "button", className: "share-close", textContent: "×" });
  close.setAttribute("aria-label", w.close);

  const { linkRow, copy } = linkPart(target, w);
  const actions = otherWays(target, w);
  const parts = imageParts(target, w);

  const dialog = el(
    "dialog",
    { className: "share-sheet" },
    el("div", { className: "share-head" }, heading, close),
    ...actions,
    linkRow,
    parts,
  );
  dialog.setAttribute("aria-labelledby", "share-title");
  dialog.lang = lang === "en" ? "en" : "zh-CN";
  close.addEventListener("click", () => dialog.close());
  // a tap on the backdrop (outside the sheet's box) closes it too
  dialog.addEventListener("click", (e) => {
    if (e.target !== dialog) return;
    const r = dialog.getBoundingClientRect();
    if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) dialog.close();
  });
  // a modal dialog makes the page inert, but Tab would still leave for the browser's own controls: keep it here
  dialog.addEventListener("keydown", (e) => {
    if (e.key !== "Tab") return;
    const all = [...dialog.querySelectorAll<HTMLElement>("button, input, a[href]")].filter((x) => x.offsetParent !== null);
    const [first, last] = [all[0], all[all.length - 1]];
    if (!first || !last) return;
    if (e.shiftKey ? document.activeElement === first : document.activeElement === last) {
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    }
  });
  dialog.addEventListener("close", () => {
    dialog.remove();
    if (sheet === dialog) sheet = undefined;
    from?.focus();
  });
  document.body.append(dialog);
  sheet = dialog;
  dialog.showModal();
  // the first thing to do is copy: focus lands on it, not on the close button
  copy.focus();
}

async function systemShare(target: Target): Promise<boolean> {
  try {
    await navigator.share({ title: target.title, url: target.url });
    return true;
  } catch {
    // cancelled, or not allowed here: the sheet stays open with the other ways
    return false;
  }
}

async function copyText(text: string, field: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // older WebViews: the field's own selection and the old command
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

let invited = false;

/** The one invitation to share after a vote: once per page visit and list (sessionStorage). */
function invite(control: HTMLElement, entryId: string | undefined, lang: Lang) {
  const key = `bd-share-invited:${control.dataset.url ?? location.pathname}`;
  try {
    if (sessionStorage.getItem(key)) return;
    sessionStorage.setItem(key, "1");
  } catch {
    /* storage refused: once per page load */
  }
  if (invited) return;
  invited = true;
  style();
  const w = words[lang];
  // on an entry's page the page is the entry; on a list's, the card voted on names it
  const voted = entryId !== undefined ? entryTarget(control, entryId, lang) : undefined;
  const target = voted ?? targetOf(control);
  const text = el("p", { textContent: voted || control.dataset.entry ? w.invite(target.name) : w.inviteList });
  const share = el("button", { type: "button", className: "share-invite-go", textContent: w.inviteShare });
  const no = el("button", { type: "button", className: "share-invite-no", textContent: w.inviteClose });
  const banner = el("div", { className: "share-invite" }, text, el("div", { className: "share-invite-actions" }, share, no));
  banner.setAttribute("role", "region");
  banner.setAttribute("aria-label", w.title);
  banner.lang = lang === "en" ? "en" : "zh-CN";
  share.addEventListener("click", () => {
    banner.remove();
    void startShare(target, lang, control);
  });
  no.addEventListener("click", () => banner.remove());
  document.body.append(banner);
}

async function startShare(target: Target, lang: Lang, from: HTMLElement) {
  openSheet(target, lang, from);
  // the browser's own share over the sheet, where it has one (inside the tap's activation)
  if (typeof navigator.share === "function") await systemShare(target);
}

/**
 * The control's handler (its onclick imports this module and calls s(this)). A real tap opens the
 * sheet; the vote islands' click after a successful vote carries data-invite (the entry's id) and
 * brings the invitation instead.
 */
export function s(control: HTMLElement) {
  const lang: Lang = control.dataset.lang === "en" ? "en" : "zh";
  const entryId = control.dataset.invite;
  if (entryId !== undefined) {
    delete control.dataset.invite;
    invite(control, control.dataset.entry ? undefined : entryId, lang);
    return;
  }
  void startShare(targetOf(control), lang, control);
}

const STYLE = `
.share-sheet{box-sizing:border-box;width:100%;max-width:30rem;max-height:calc(100dvh - 2rem);margin:auto auto 0;padding:0 1rem calc(1rem + env(safe-area-inset-bottom,0px));border:0;border-radius:14px 14px 0 0;background:#fff;color:var(--text,#1f1b18);overflow:auto;overscroll-behavior:contain}
@media (min-width:40rem){.share-sheet{margin:auto;border-radius:14px}}
.share-sheet::backdrop{background:rgba(31,27,24,.55)}
.share-head{position:sticky;top:0;z-index:1;display:flex;align-items:center;justify-content:space-between;margin:0 -1rem .25rem;padding:.5rem .5rem .25rem 1rem;background:#fff}
.share-head h2{margin:0;font-size:1.125rem}
.share-close{width:2.75rem;height:2.75rem;border:0;border-radius:50%;background:transparent;color:inherit;font-size:1.75rem;line-height:1;cursor:pointer}
.share-close:hover{background:var(--warm,#f6f3ef)}
.share-sheet button:focus-visible,.share-sheet input:focus-visible,.share-sheet a:focus-visible,.share-invite button:focus-visible{outline:3px solid var(--focus,#1f1b18);outline-offset:2px}
.share-system{display:block;width:100%;min-height:2.75rem;margin:0 0 .75rem;border:0;border-radius:8px;background:var(--accent,#c8102e);color:#fff;font:inherit;font-weight:600;cursor:pointer}
.share-wechat{margin:0 0 .75rem;padding:.5rem .75rem;border-radius:8px;background:var(--warm,#f6f3ef);font-size:.9375rem}
.share-link label{display:block;margin:0 0 .25rem;font-size:.875rem;color:var(--muted,#5e5750)}
.share-row{display:flex;gap:.5rem}
.share-field{flex:1;min-width:0;min-height:2.75rem;padding:0 .625rem;border:1px solid var(--field,#8c847c);border-radius:8px;background:var(--warm,#f6f3ef);color:inherit;font:inherit;font-size:.875rem}
.share-copy{flex:none;min-height:2.75rem;padding:0 1rem;border:0;border-radius:8px;background:var(--text,#1f1b18);color:#fff;font:inherit;font-weight:600;cursor:pointer}
.share-status{min-height:1.5rem;margin:.375rem 0 .5rem;font-size:.875rem;font-weight:600;color:#1d6b3a}
.share-parts{display:grid;grid-template-columns:minmax(0,1.15fr) minmax(0,1fr);gap:1rem;align-items:start}
.share-parts h3{margin:0 0 .375rem;font-size:1rem}
.share-poster-img{display:block;width:100%;aspect-ratio:3/5;object-fit:contain;border:1px solid var(--line,#e3ded8);border-radius:8px;background:var(--warm,#f6f3ef);-webkit-touch-callout:default}
.share-qr-img svg{display:block;width:100%;height:auto;border:1px solid var(--line,#e3ded8);border-radius:8px}
.share-hint{margin:.375rem 0 0;font-size:.8125rem;line-height:1.4;color:var(--muted,#5e5750)}
.share-download{display:inline-flex;align-items:center;min-height:2.75rem;font-size:.875rem}
.share-invite{position:fixed;left:.5rem;right:.5rem;top:calc(.5rem + env(safe-area-inset-top,0px));z-index:30;max-width:30rem;margin:0 auto;padding:.625rem .75rem;border-radius:10px;background:var(--text,#1f1b18);color:#fff;box-shadow:0 6px 20px rgba(0,0,0,.25)}
.share-invite p{margin:0 0 .5rem;font-weight:600;line-height:1.4}
.share-invite-actions{display:flex;gap:.5rem;justify-content:flex-end}
.share-invite button{min-height:2.75rem;padding:0 1rem;border:0;border-radius:8px;font:inherit;font-weight:600;cursor:pointer}
.share-invite-go{background:#fff;color:var(--accent-dark,#a50d26)}
.share-invite-no{background:transparent;color:#fff;text-decoration:underline}
.share-invite button:focus-visible{outline-color:#fff}
`;
