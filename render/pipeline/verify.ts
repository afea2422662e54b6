// Step 2: every manifest has a valid name and string-to-string label and annotation maps.
import type { Extracted } from './flatten';
import { RenderError } from './errors';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function verify(items: Extracted[]): void {
  for (const { object, source } of items) {
    const where = `${source} (${object.kind})`;
    const meta = object.metadata as unknown;
    if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
      throw new RenderError(`${where}: metadata must be an object with at least a name`);
    }
    const { name, namespace, labels, annotations } = object.metadata;
    if (typeof name !== 'string' || name === '') {
      throw new RenderError(`${where}: metadata.name is missing; every rendered object needs a fixed name (generateName is not allowed: it would create a new object on every sync)`);
    }
    if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
      throw new RenderError(`${where}: metadata.name "${name}" must be a lower-case DNS subdomain (a-z, 0-9, "-" and ".")`);
    }
    if (namespace !== undefined && (typeof namespace !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace))) {
      throw new RenderError(`${where}: metadata.namespace ${JSON.stringify(namespace)} must be a lower-case DNS label`);
    }
    for (const [field, map] of [['labels', labels], ['annotations', annotations]] as const) {
      if (map === undefined) continue;
      if (map === null || typeof map !== 'object' || Array.isArray(map)) {
        throw new RenderError(`${where}: metadata.${field} must be a map of strings`);
      }
      for (const [k, v] of Object.entries(map)) {
        if (typeof v !== 'string') {
          throw new RenderError(`${where}: metadata.${field}.${k} is ${JSON.stringify(v)}; ${field} values must be strings (quote numbers and booleans)`);
        }
      }
    }
  }
}
