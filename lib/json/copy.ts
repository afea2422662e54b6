// What JSON.parse(JSON.stringify(value)) returns, without writing the text and reading it back:
// the render pipeline copies every object an app returns this way (model classes serialize
// through toJSON, undefined fields drop), and large ConfigMaps made the round trip through text
// a noticeable part of render. JSON.stringify's rules (ECMA-262, SerializeJSONProperty) are
// followed one by one; test/lib/json/copy.test.ts compares the two on random values.

/** Undefined where JSON.stringify gives undefined; throws what it throws (a cycle, a BigInt). */
export function jsonCopy(value: unknown): unknown {
  const ancestors: object[] = [];
  const copy = (key: string, raw: unknown): unknown => {
    let v = raw;
    if ((typeof v === 'object' && v !== null) || typeof v === 'bigint') {
      const toJSON = (v as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') v = toJSON.call(v, key);
    }
    if (v instanceof Number) v = Number(v);
    else if (v instanceof String) v = String(v);
    else if (v instanceof Boolean) v = v.valueOf();
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        // -0 is written as 0; NaN and the infinities as null.
        return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
      case 'bigint':
        throw new TypeError('Do not know how to serialize a BigInt');
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
    }
    if (v === null) return null;
    const obj = v as Record<string, unknown>;
    if (ancestors.includes(obj)) throw new TypeError('Converting circular structure to JSON');
    ancestors.push(obj);
    let out: unknown;
    if (Array.isArray(obj)) {
      const arr = new Array<unknown>(obj.length);
      for (let i = 0; i < obj.length; i++) arr[i] = copy(String(i), obj[i]) ?? null;
      out = arr;
    } else {
      const rec: Record<string, unknown> = {};
      for (const k of Object.keys(obj)) {
        const c = copy(k, obj[k]);
        if (c === undefined) continue;
        // JSON.parse makes "__proto__" an own property; an assignment would set the prototype.
        if (k === '__proto__') Object.defineProperty(rec, k, { value: c, enumerable: true, writable: true, configurable: true });
        else rec[k] = c;
      }
      out = rec;
    }
    ancestors.pop();
    return out;
  };
  return copy('', value);
}
