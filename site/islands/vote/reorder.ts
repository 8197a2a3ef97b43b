/**
 * Puts a ranked list's cards in the live board's order, without a rebuild. Cards are moved, not
 * redrawn: their islands keep their state. Deferred while the voter is touching the list or a vote
 * is under way (a card must not slide away under a finger or out from under a bot check), and
 * animated from the old positions so a move is seen, unless the voter prefers reduced motion.
 */

const QUIET_MS = 1_500;
let lastTouch = 0;
let pending: number[] | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function cardsOf(list: HTMLElement): HTMLElement[] {
  return Array.from(list.querySelectorAll<HTMLElement>(":scope > [data-entry-id]"));
}

/** The cards in the board's order; cards the board does not name keep their order, after it. */
export function orderedCards(cards: HTMLElement[], order: number[]): HTMLElement[] {
  const byId = new Map(cards.map((c) => [Number(c.dataset.entryId), c]));
  const named = order.map((id) => byId.get(id)).filter((c): c is HTMLElement => c !== undefined);
  const seen = new Set(named);
  return [...named, ...cards.filter((c) => !seen.has(c))];
}

function busy(list: HTMLElement): boolean {
  if (Date.now() - lastTouch < QUIET_MS) return true;
  // a vote in flight, or a bot check open in a card
  return list.querySelector('[aria-busy="true"], .va-bot:not(:empty)') !== null;
}

let moved = false;

function move(list: HTMLElement, order: number[]) {
  const cards = cardsOf(list);
  const next = orderedCards(cards, order);
  // The first board puts a page built a while ago in order at once; later moves are animated.
  const animate = moved && !matchMedia("(prefers-reduced-motion: reduce)").matches;
  moved = true;
  if (next.every((c, i) => c === cards[i])) return;
  const focused = document.activeElement instanceof HTMLElement && list.contains(document.activeElement) ? document.activeElement : null;
  const before = new Map(cards.map((c) => [c, c.getBoundingClientRect().top]));
  list.append(...next);
  focused?.focus({ preventScroll: true });
  if (!animate) return;
  for (const c of next) {
    const dy = (before.get(c) ?? 0) - c.getBoundingClientRect().top;
    if (Math.abs(dy) < 1) continue;
    c.animate([{ transform: `translateY(${dy}px)` }, { transform: "none" }], { duration: 400, easing: "ease-out" });
  }
}

function attempt(list: HTMLElement) {
  clearTimeout(timer);
  if (!pending) return;
  if (busy(list)) {
    timer = setTimeout(() => attempt(list), QUIET_MS);
    return;
  }
  const order = pending;
  pending = null;
  move(list, order);
}

let watching = false;

/** Orders the page's live list (marked data-live-cards) by the board, now or once the voter is done. */
export function reorderCards(order: number[]): void {
  const list = document.querySelector<HTMLElement>("[data-live-cards]");
  // a voter who chose another sort (ScoreSort) keeps it
  if (!list || (list.dataset.sort && list.dataset.sort !== "live")) return;
  if (!watching) {
    watching = true;
    for (const type of ["pointerdown", "touchstart", "keydown"])
      list.addEventListener(type, () => (lastTouch = Date.now()), { passive: true, capture: true });
  }
  pending = order;
  attempt(list);
}
