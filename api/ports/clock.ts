/** Time as a port, so tests can stand at 23:59:59 Asia/Shanghai. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that tests move by hand. */
export class ManualClock implements Clock {
  constructor(private at: number) {}
  now(): number {
    return this.at;
  }
  set(at: number | string): void {
    this.at = typeof at === "string" ? Date.parse(at) : at;
  }
  advance(ms: number): void {
    this.at += ms;
  }
}
