// Boots the vote writer's thread: TypeScript through tsx's loader, whatever started the process.
import { tsImport } from "tsx/esm/api";

await tsImport("./vote-worker.ts", import.meta.url);
