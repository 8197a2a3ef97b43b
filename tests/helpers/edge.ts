/** `npm run edge` for the tests: the starter the edge bench uses too. */
export { startEdge, type EdgeServer } from "../../scripts/edge-process.ts";
