/**
 * The little of the Workers runtime the edge entry uses, declared here instead of pulling in the
 * runtime's whole type package (whose globals clash with Node's), and the bundle's data module
 * that `npm run edge` writes (scripts/edge.ts) and wrangler.jsonc aliases.
 */
declare module "bangdan-edge-data" {
  import type { Migration } from "../../db/durable.ts";
  import type { DemoFiles } from "../services/demo.ts";
  const data: { migrations: Migration[]; demo: DemoFiles };
  export default data;
}

declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
