// How an env.ts (TypeScript) is imported: natively where a TypeScript loader is registered (tsx,
// jest), or through the compiled CLI's cache of bundled modules (render/ts-import.ts). Its own
// module, so that the compiled CLI can choose before it loads anything that reads environments.
import { pathToFileURL } from 'node:url';

let importer: (file: string) => Promise<unknown> = (file) => import(pathToFileURL(file).href);

export function setModuleImporter(next: (file: string) => Promise<unknown>): void {
  importer = next;
}

export function importModule(file: string): Promise<unknown> {
  return importer(file);
}
