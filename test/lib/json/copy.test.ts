// jsonCopy gives what a round trip through JSON text gives, on random values of every kind
// (undefined, -0, NaN, boxed primitives, Dates, sparse arrays, objects with toJSON, "__proto__"
// keys) and fails the same way on cycles and BigInts.
import fc from 'fast-check';
import { jsonCopy } from '../../../lib/json/copy';

const viaText = (v: unknown): unknown => {
  const text = JSON.stringify(v);
  return text === undefined ? undefined : JSON.parse(text);
};

const withToJSON = fc.anything().map((inner) => ({ toJSON: (key: string) => ({ key, inner }) }));
const protoKey = fc.anything().map((inner) => JSON.parse(`{"__proto__": ${JSON.stringify(inner) ?? 'null'}, "b": 1}`) as unknown);
const value = fc.oneof(
  fc.anything({ withBoxedValues: true, withDate: true, withSparseArray: true, withNullPrototype: true, withObjectString: true, withTypedArray: true }),
  withToJSON,
  protoKey,
  fc.array(fc.oneof(withToJSON, fc.constantFrom(undefined, -0, NaN, Infinity, () => 1, Symbol('s')))),
);

test('random values: the same as JSON.parse(JSON.stringify(value))', () => {
  fc.assert(
    fc.property(value, (v) => {
      const expected = viaText(v);
      const copied = jsonCopy(v);
      expect(copied).toStrictEqual(expected);
      expect(JSON.stringify(copied)).toBe(JSON.stringify(expected));
    }),
    { numRuns: 3000 },
  );
});

test('an own "__proto__" key stays a key, as JSON.parse leaves it', () => {
  const copied = jsonCopy(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
  expect(Object.keys(copied)).toEqual(['__proto__']);
  expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
  expect((copied as { polluted?: boolean }).polluted).toBeUndefined();
});

test('a copy shares nothing with its source', () => {
  const source = { a: { b: [1, { c: 'x' }] } };
  const copied = jsonCopy(source) as typeof source;
  expect(copied).toEqual(source);
  expect(copied.a).not.toBe(source.a);
  expect(copied.a.b).not.toBe(source.a.b);
  expect(copied.a.b[1]).not.toBe(source.a.b[1]);
});

test('a cycle and a BigInt fail as JSON.stringify fails', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = { back: cyclic };
  expect(() => jsonCopy(cyclic)).toThrow(TypeError);
  expect(() => jsonCopy({ n: 1n })).toThrow(TypeError);
  // The same object twice is not a cycle.
  const shared = { x: 1 };
  expect(jsonCopy({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
});
