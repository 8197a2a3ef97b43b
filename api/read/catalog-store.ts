import type { Database } from "../../db/index.ts";
import { catalogVersion, loadCatalog } from "../../db/index.ts";
import { Catalog } from "./catalog.ts";

/**
 * The in-memory catalog and how it follows the database: `refresh` is cheap (one read of the
 * catalog version) and reloads only when an import, open or close moved the version.
 */
export class CatalogStore {
  #current: Catalog = Catalog.empty();
  #listeners: ((catalog: Catalog) => void)[] = [];
  #reloading: Promise<Catalog> | undefined;
  #readable = true;

  constructor(private readonly db: Database) {}

  get current(): Catalog {
    return this.#current;
  }

  /** Whether the last read of the database (a refresh, polled every second by the server) succeeded. */
  get readable(): boolean {
    return this.#readable;
  }

  onChange(listener: (catalog: Catalog) => void): void {
    this.#listeners.push(listener);
  }

  async reload(): Promise<Catalog> {
    if (!this.#reloading) {
      this.#reloading = loadCatalog(this.db.read)
        .then((stored) => {
          const next = Catalog.fromStored(stored);
          const changed = next.version !== this.#current.version;
          this.#current = next;
          if (changed) for (const l of this.#listeners) l(next);
          return next;
        })
        .finally(() => (this.#reloading = undefined));
    }
    return this.#reloading;
  }

  async refresh(): Promise<Catalog> {
    try {
      const version = await catalogVersion(this.db.read);
      const catalog = version !== this.#current.version ? await this.reload() : this.#current;
      this.#readable = true;
      return catalog;
    } catch (error) {
      this.#readable = false;
      throw error;
    }
  }
}
