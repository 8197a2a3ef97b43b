/**
 * What `createApp` is built from: every outside thing is a port handed in here. The services' context
 * plus what only HTTP needs.
 */
import type { ServiceContext } from "./services/context.ts";

export interface AppDeps extends ServiceContext {
  http: {
    /** header carrying the client IP behind a trusted proxy; undefined = the socket address */
    ipHeader?: string;
    /** mark cookies Secure: always, never, or when the request came over https */
    secureCookies: "always" | "never" | "auto";
    /** PUBLIC_ORIGIN: where this site lives (oEmbed answers and refuses by it); else the request's origin */
    publicOrigin?: string;
  };
  /** the socket's remote address, when the runtime has one */
  remoteAddress?: (raw: Request, env: unknown) => string | undefined;
}
