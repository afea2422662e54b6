// Every bad-input class gives Alloy's message at Alloy's line and byte column (texts from syntax/scanner
// and syntax/parser). The parser keeps going after an error and drops a second parse error on one line.
import { parseFile, diagnosticText } from '../../lib/alloy/parser';
import { formatSource } from '../../lib/alloy/format';

const table: [string, string, string[]][] = [
  ["# is not a comment", "# comment\n", ["main.alloy:1:1: illegal character U+0023 '#'","main.alloy:1:1: expected identifier, got ILLEGAL"]],
  ["single-quoted string", "a = 'x'\n", ["main.alloy:1:5: illegal single-quoted string; use double quotes","main.alloy:1:5: expected expression, got ILLEGAL"]],
  ["lone |", "a = 1 | 2\n", ["main.alloy:1:8: missing second | in ||"]],
  ["lone &", "a = 1 & 2\n", ["main.alloy:1:8: missing second & in &&"]],
  ["exponent without digits", "a = 10E\n", ["main.alloy:1:5: exponent has no digits"]],
  ["unterminated string", "a = \"abc\n", ["main.alloy:1:5: string literal not terminated"]],
  ["unknown escape", "a = \"\\q\"\n", ["main.alloy:1:7: unknown escape sequence"]],
  ["short hex escape", "a = \"\\x4\"\n", ["main.alloy:1:7: illegal character U+0022 '\"' in escape sequence"]],
  ["surrogate escape", "a = \"\\uD800\"\n", ["main.alloy:1:7: escape sequence is invalid Unicode code point"]],
  ["escape at EOF", "a = \"\\", ["main.alloy:1:7: escape sequence not terminated","main.alloy:1:5: string literal not terminated"]],
  ["unterminated block comment", "/* open\n", ["main.alloy:1:1: block comment not terminated"]],
  ["NUL byte", "a = \u0000\n", ["main.alloy:1:5: illegal character NUL","main.alloy:1:5: illegal character U+0000","main.alloy:1:5: expected expression, got ILLEGAL"]],
  ["BOM after the start", "a = 1\n﻿\n", ["main.alloy:2:1: illegal byte order mark","main.alloy:2:1: expected identifier, got ILLEGAL"]],
  ["byte columns after UTF-8", "b = \"é\" + @\n", ["main.alloy:1:12: illegal character U+0040 '@'","main.alloy:1:12: expected expression, got ILLEGAL"]],
  ["missing trailing comma in array", "a = [1,\n2\n]\n", ["main.alloy:2:2: missing ',' in expression list"]],
  ["missing trailing comma in object", "a = {b = 1,\nc = 2\n}\n", ["main.alloy:2:6: missing ',' in field list"]],
  ["raw string label", "block `x` {}\n", ["main.alloy:1:7: expected block label to be a double quoted string, but got \"`x`\""]],
  ["label not an identifier", "block \"with space\" {}\n", ["main.alloy:1:7: expected block label to be a valid identifier, but got \"with space\""]],
  ["bare label", "block x {}\n", ["main.alloy:1:7: expected block label, got IDENT"]],
  ["dotted attribute name", "a.b = 1\n", ["main.alloy:1:1: attribute names may only consist of a single identifier with no \".\""]],
  ["labelled attribute", "a \"l\" = 1\n", ["main.alloy:1:3: attribute names may not have labels"]],
  ["keyword in a name", "a.true = 1\n", ["main.alloy:1:3: expected identifier, got BOOL","main.alloy:1:1: attribute names may only consist of a single identifier with no \".\""]],
  ["operator starting a line", "a = 1\n+ 2\n", ["main.alloy:2:1: expected identifier, got +"]],
  ["block as expression", "rw = prometheus.remote_write \"x\" { }\n", ["main.alloy:1:6: cannot use a block as an expression"]],
  ["missing value", "a = \n", ["main.alloy:2:1: expected expression, got EOF"]],
  ["number as object key", "a = {1 = 2}\n", ["main.alloy:1:6: expected field name (string or identifier), got NUMBER"]],
  ["neither attribute nor block", "a 1\n", ["main.alloy:1:3: expected block label, got NUMBER"]],
  ["dotted name without body", "a.b 1\n", ["main.alloy:1:5: expected block label, got NUMBER"]],
  ["two statements on one line", "a = 1 b = 2\n", ["main.alloy:1:7: expected TERMINATOR, got IDENT"]],
  ["statement starting with =", "= 1\n", ["main.alloy:1:1: expected identifier, got ="]],
  ["extra closing brace", "x { a = 1 }}\n", ["main.alloy:1:12: expected TERMINATOR, got }"]],
  ["errors on several lines are all reported", "a = 1 @ 2\nb = 3 $ 4\n", ["main.alloy:1:7: illegal character U+0040 '@'","main.alloy:1:7: expected TERMINATOR, got ILLEGAL","main.alloy:2:7: illegal character U+0024 '$'","main.alloy:2:7: expected TERMINATOR, got ILLEGAL"]],
];

describe('parser errors', () => {
  it.each(table)('%s', (_name, input, expected) => {
    expect(parseFile('main.alloy', input).diagnostics.map(diagnosticText)).toEqual(expected);
  });

  it('alloy fmt refuses to format input with errors and reports each one', () => {
    const res = formatSource('a = [1,\n2\n]\nb = 1 @ 2\n', 'main.alloy');
    expect(res.output).toBe('');
    expect(res.errors.map((e) => e.text)).toEqual([
      "main.alloy:2:2: missing ',' in expression list",
      "main.alloy:4:7: illegal character U+0040 '@'",
      'main.alloy:4:7: expected TERMINATOR, got ILLEGAL',
    ]);
  });

  it('accepts a BOM as the very first character', () => {
    expect(parseFile('main.alloy', '\ufeffa = 1\n').diagnostics).toEqual([]);
  });
});
