// The fast block emitter writes exactly what the yaml library writes with render's options (but
// for strings of blank lines, which the library would lose: both double-quote them), on random
// JSON-shaped data full of YAML's traps (1.1 booleans, numbers in strings, block scalars with
// leading spaces and trailing blank lines, keys that need quotes) and on every file render
// produces for every environment of this repository; and every text reads back as the data.
import fc from 'fast-check';
import { parse, parseDocument, visit } from 'yaml';
import { emitBlock, libraryYaml, type YamlOptions } from '../../../lib/yaml/block';
import { YAML_OPTIONS } from '../../../lib/k8s/yaml';
import { environmentNames, loadEnvironment } from '../../../lib/env/load';
import { apps } from '../../../apps/registry';
import { renderEnvironment } from '../../../render/pipeline/index';
import { canonicalObject } from '../../../render/pipeline/serialize';
import { REPO } from '../../helpers/tmp-repo';

const traps = ['', ' ', 'y', 'n', 'yes', 'No', 'on', 'OFF', '~', 'null', 'true', '0', '-0', '0x1F', '0o17', '010', '1_000', '1:20', '.5', '1e3', '.inf', '-.Inf', '.NaN', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '- x', '-', '? x', ': x', 'a: b', 'a #b', '#c', '@x', '`x', '%x', '!x', '&a', '*a', '|', '>', "'q'", '"q"', 'a\nb', 'a\n', '\nx', '  lead\nx', 'x\n\n\n', 'tab\there', 'trail ', ' lead', 'k: v\n- y\n', '\u00e9\u00e8', '\u2028', '{a}', '[a]', 'a,b', '${VAR}', 'https://x.example:443/p?q=1#f', ' \n', '\t\n', '  \n\n', ' \n \n'];
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_./-]{0,6}$/);
const blanks = fc.array(fc.constantFrom(' ', '\t', '\n', 'x'), { maxLength: 6 }).map((xs) => xs.join(''));
const text = fc.oneof(fc.constantFrom(...traps), word, blanks, fc.constantFrom('Yes', 'OFF', 'Null', 'nO', 'TRUE', 'y.', 'on-', 'a/b', 'x.y.z', 'E0', 'e5', 'e-3', 'E12', 'e1x', 'ee5'), fc.string(), fc.string({ unit: 'grapheme' }), fc.array(fc.constantFrom(...traps), { maxLength: 3 }).map((xs) => xs.join('\n')));
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(-0));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(fc.oneof(scalar, tie('value')), { maxLength: 4 }),
  object: fc.dictionary(text, fc.oneof(scalar, tie('value'), fc.constant(undefined)), { maxKeys: 5 }),
})).value;

// Render's options (YAML 1.1-safe), and YAML 1.2 as Grafana's provisioning files are written.
const OPTION_SETS: [string, YamlOptions][] = [
  ['render (YAML 1.1-safe)', YAML_OPTIONS],
  ['YAML 1.2, no folding', { lineWidth: 0, aliasDuplicateObjects: false }],
];

test.each(OPTION_SETS)('random JSON-shaped data, %s options: the same bytes as the yaml library, and they read back as the data', (_, options) => {
  let written = 0;
  let collections = 0;
  fc.assert(
    fc.property(json, (v) => {
      if (v === null || typeof v !== 'object') return;
      collections++;
      const text = emitBlock(v, options);
      if (text === undefined) return;
      written++;
      expect(text).toBe(libraryYaml(v, options));
      // JSON's view of both (undefined keys left out, -0 and 0 alike, NaN and infinities as null).
      const version = options === YAML_OPTIONS ? '1.1' : '1.2';
      expect(JSON.stringify(parse(text, { version, merge: version === '1.1' }))).toBe(JSON.stringify(v));
    }),
    { numRuns: 3000 },
  );
  // The emitter, not the library it falls back to, wrote nearly all of them.
  expect(written).toBeGreaterThan(collections * 0.9);
  expect(collections).toBeGreaterThan(1000);
});

test.each(environmentNames(REPO))('every object of environment %s: the same bytes as the yaml library', async (name) => {
  const rendered = renderEnvironment(await loadEnvironment(REPO, name), apps);
  expect(rendered.objects.length).toBeGreaterThan(10);
  for (const o of rendered.objects) {
    const v = canonicalObject(o.object);
    expect(emitBlock(v, YAML_OPTIONS)).toBe(libraryYaml(v, YAML_OPTIONS));
  }
});

// Config files double-quote `${VAR}` references (lib/k8s/config-file.ts); the emitter does it
// itself instead of parsing its own output again and restyling those scalars.
const reference = fc.stringMatching(/^\$\{[A-Za-z_][A-Za-z0-9_]{0,6}\}$/);
const configValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, reference, tie('array'), tie('object')),
  array: fc.array(fc.oneof(scalar, reference, tie('value')), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof({ arbitrary: text, weight: 20 }, { arbitrary: reference, weight: 1 }), fc.oneof(scalar, reference, tie('value')), { maxKeys: 5 }),
})).object;

test('a key named << is quoted, so that a YAML 1.1 reader does not take it for a merge key', () => {
  expect(emitBlock({ '<<': 0, data: { '<<': '${X}' } }, YAML_OPTIONS, { doubleQuoted: (s) => s.startsWith('${') })).toBe('"<<": 0\ndata:\n  "<<": "${X}"\n');
});

test('random config data with ${VAR} references: the same bytes as restyling the library document', () => {
  const isReference = (s: string) => /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(s);
  let written = 0;
  let quotedSome = 0;
  fc.assert(
    fc.property(configValue, (v) => {
      const fast = emitBlock(v, YAML_OPTIONS, { doubleQuoted: isReference });
      if (fast === undefined) return;
      written++;
      // Read back with the options it was written with: under plain version 1.1 the library
      // would print a quoted `"<<"` key bare, as a YAML 1.1 merge key.
      const doc = parseDocument(libraryYaml(v, YAML_OPTIONS), YAML_OPTIONS);
      visit(doc, {
        Scalar(_, node) {
          if (typeof node.value === 'string' && isReference(node.value)) node.type = 'QUOTE_DOUBLE';
        },
      });
      const slow = doc.toString({ lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true });
      expect(fast).toBe(slow);
      if (/: "\$\{|- "\$\{/.test(fast)) quotedSome++;
    }),
    { numRuns: 2000 },
  );
  expect(written).toBeGreaterThan(1000);
  expect(quotedSome).toBeGreaterThan(200);
});
