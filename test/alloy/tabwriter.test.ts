// The tabwriter against a plain model of Go's text/tabwriter and Alloy's trimmer (test/helpers): the
// same text for any mix of cells, escaped text and terminators, written through every method the printer
// uses. The goldens hold the model to alloy fmt; this holds the optimized writer to the model.
import fc from 'fast-check';
import { TabWriter } from '../../lib/alloy/tabwriter';
import { ESC, tabwriterReference } from '../helpers/tabwriter-reference';

type Op =
  | { kind: 'text'; text: string; via: 'write' | 'bytes' | 'plain' | 'byte' }
  | { kind: 'blanks'; n: number }
  | { kind: 'escaped'; text: string }
  | { kind: 'end'; ch: '\t' | '\v' | '\n' | '\f' }
  | { kind: 'tabs'; n: number }
  | { kind: 'mixed'; text: string };

const encoder = new TextEncoder();

const op: fc.Arbitrary<Op> = fc.oneof(
  // Texts from 1 to 20 bytes: writeBytes (checked or plain) and the cell copy take four bytes at a time from 8 on.
  { weight: 5, arbitrary: fc.tuple(fc.stringMatching(/^[a-z=" ]{1,20}$/), fc.constantFrom('write', 'bytes', 'plain', 'byte') as fc.Arbitrary<'write' | 'bytes' | 'plain' | 'byte'>).map(([text, via]): Op => ({ kind: 'text', text: via === 'byte' ? text[0]! : text, via })) },
  { weight: 1, arbitrary: fc.stringMatching(/^[aé€ ]{1,4}$/).map((text): Op => ({ kind: 'text', text, via: 'write' })) },
  { weight: 1, arbitrary: fc.stringMatching(/^[aé \t\v\n\f\r]{1,20}$/).map((text): Op => ({ kind: 'text', text, via: 'bytes' })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((n): Op => ({ kind: 'blanks', n })) },
  { weight: 1, arbitrary: fc.stringMatching(/^$|^\/\/[a-z \t]{0,5}$|^\/\*[a-z \n]{0,5}\*\/$/).map((text): Op => ({ kind: 'escaped', text })) },
  { weight: 5, arbitrary: fc.constantFrom('\t', '\v', '\n', '\f').map((ch): Op => ({ kind: 'end', ch: ch as '\t' | '\v' | '\n' | '\f' })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map((n): Op => ({ kind: 'tabs', n })) },
  { weight: 1, arbitrary: fc.stringMatching(/^[ab \t\v\n\f]{1,6}$/).map((text): Op => ({ kind: 'mixed', text })) },
);

const viewOf = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Feeds the ops to a TabWriter; returns its text and the model's input for the same ops. */
function run(ops: Op[]): { written: string; input: string } {
  const tw = new TabWriter(0);
  let input = '';
  for (const o of ops) {
    switch (o.kind) {
      case 'text': {
        const bytes = encoder.encode(o.text);
        if (o.via === 'write') tw.write(o.text, false);
        else if (o.via === 'bytes') tw.writeBytes(bytes, viewOf(bytes), 0, bytes.length);
        else if (o.via === 'plain') tw.writeBytes(bytes, viewOf(bytes), 0, bytes.length, true);
        else tw.byte(bytes[0]!);
        input += o.text;
        break;
      }
      case 'blanks':
        tw.repeat(0x20, o.n);
        input += ' '.repeat(o.n);
        break;
      case 'escaped':
        tw.write(o.text, true);
        input += ESC + o.text + ESC;
        break;
      case 'end':
        tw.terminate(o.ch.charCodeAt(0));
        input += o.ch;
        break;
      case 'tabs':
        tw.tabs(o.n);
        input += '\t'.repeat(o.n);
        break;
      case 'mixed':
        tw.write(o.text, false);
        input += o.text;
        break;
    }
  }
  return { written: tw.finish(), input };
}

describe('tabwriter', () => {
  it('aligns, pads and trims as the model of Go\'s tabwriter does, whichever method wrote the text', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { written, input } = run(ops);
        expect(written).toBe(tabwriterReference(input));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes source bytes as write() writes their text, whichever ASCII byte comes at whichever place of a long text', () => {
    // writeBytes checks four bytes at a time for a cell terminator (9 to 12) or a non-ASCII byte.
    for (let at = 0; at < 12; at++) {
      for (let ch = 1; ch < 0x80; ch++) {
        const text = 'abcdefghijkl'.slice(0, at) + String.fromCharCode(ch) + 'mnopqrstuvw'.slice(at);
        const bytes = encoder.encode(`"${text}"`);
        const viaBytes = new TabWriter(0);
        viaBytes.writeBytes(bytes, viewOf(bytes), 1, bytes.length - 1);
        viaBytes.terminate(0x0b);
        viaBytes.write('x\n', false);
        const viaText = new TabWriter(0);
        viaText.write(text, false);
        viaText.terminate(0x0b);
        viaText.write('x\n', false);
        expect([at, ch, viaBytes.finish()]).toEqual([at, ch, viaText.finish()]);
      }
    }
  });

  it('answers finish() again with its own text after the next writer took over its buffer', () => {
    const first = new TabWriter(0);
    first.write('a\vb\n', false);
    const text = first.finish();
    const second = new TabWriter(0); // takes the buffer the first one handed over
    second.write('zzzzzzzz\n', false);
    expect(second.finish()).toBe('zzzzzzzz\n');
    expect(first.finish()).toBe(text);
    expect(text).toBe('a b\n');
  });

  it('aligns a run of attributes and indents with tabs (the model agrees with a known case)', () => {
    const input = '\ta\v= 1\n\tlong\v= 2\n\t}\f';
    expect(tabwriterReference(input)).toBe('\ta    = 1\n\tlong = 2\n\t}\n');
    expect(run([{ kind: 'mixed', text: input }]).written).toBe('\ta    = 1\n\tlong = 2\n\t}\n');
  });
});
