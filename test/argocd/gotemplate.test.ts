// The Go-template subset `lgtm plan` evaluates, with the errors it gives for everything else.
import fc from 'fast-check';
import { TemplateError, renderTemplate, type TemplateErrorKind } from '../../lib/argocd/gotemplate';
import { directoryParams } from '../../lib/argocd/generate';

const params = directoryParams('environments/dev/manifests/loki');
const strict = { missingKeyError: true };

describe('renderTemplate', () => {
  test.each([
    ['{{.path.path}}', 'environments/dev/manifests/loki'],
    ['{{.path.basename}}-{{index .path.segments 1}}', 'loki-dev'],
    ['{{ .path.basenameNormalized }}', 'loki'],
    ['{{index .path.segments 3}}', 'loki'],
    ['{{index .path "basename"}}', 'loki'],
    ['plain text', 'plain text'],
    ['a {{- .path.basename -}} b', 'alokib'],
    ['x\n  {{- .path.basename }}\n', 'xloki\n'],
    ['{{/* a comment */}}{{.path.basename}}', 'loki'],
  ])('%j renders %j', (template, expected) => {
    expect(renderTemplate(template, params, strict)).toBe(expected);
  });

  test('without missingkey=error a missing key prints <no value>, as Go does', () => {
    expect(renderTemplate('{{.path.nope}}', params, { missingKeyError: false })).toBe('<no value>');
  });

  test("index on a map with a missing key gives Go's zero value even with missingkey=error", () => {
    expect(renderTemplate('{{index .path "nope"}}', params, strict)).toBe('<no value>');
  });

  const BAD: [template: string, kind: TemplateErrorKind, message: string][] = [
    ['{{.path.basenme}}', 'missing-key', 'template "{{.path.basenme}}": map has no entry for key "basenme" (at <.path.basenme>; missingkey=error)'],
    ['{{.values.env}}', 'missing-key', 'template "{{.values.env}}": map has no entry for key "values" (at <.values>; missingkey=error)'],
    ['{{index .path.segments 9}}', 'evaluation', 'template "{{index .path.segments 9}}": error calling index: index out of range: 9'],
    ['{{index .path.path 0}}', 'evaluation', 'template "{{index .path.path 0}}": error calling index: cannot index a string with 0'],
    ['{{.path.path.x}}', 'evaluation', `template "{{.path.path.x}}": can't evaluate field x of .path.path (a string)`],
    ['{{.path.segments}}', 'unsupported', 'template "{{.path.segments}}": {{.path.segments}} yields a list; lgtm plan prints only strings, numbers and booleans'],
    [
      '{{ .path.basename | upper }}',
      'unsupported',
      'template "{{ .path.basename | upper }}": {{.path.basename | upper}} is outside what lgtm plan evaluates (field references such as {{.path.basename}} and {{index .path.segments N}}); extend lib/argocd/gotemplate.ts or use those forms',
    ],
    [
      '{{ if .path.basename }}x{{ end }}',
      'unsupported',
      'template "{{ if .path.basename }}x{{ end }}": {{if .path.basename}} is outside what lgtm plan evaluates (field references such as {{.path.basename}} and {{index .path.segments N}}); extend lib/argocd/gotemplate.ts or use those forms',
    ],
    ['{{index .path.segments}}', 'unsupported', 'template "{{index .path.segments}}": lgtm plan evaluates index only as `index .field.chain N` (a number or a quoted key)'],
    ['{{.path.basename', 'syntax', 'template "{{.path.basename": unclosed action: "{{" without "}}"'],
  ];

  test.each(BAD)('%j fails (%s)', (template, kind, message) => {
    let error: unknown;
    try {
      renderTemplate(template, params, strict);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).kind).toBe(kind);
    expect((error as TemplateError).message).toBe(message);
  });
});

describe('renderTemplate properties', () => {
  const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
  const text = fc.string().filter((t) => !t.includes('{{'));

  test('text without actions is returned unchanged', () => {
    fc.assert(fc.property(text, (t) => renderTemplate(t, {}, strict) === t));
  });

  test('a field chain yields the value at that path, between any surrounding text', () => {
    // Text ending in "{" would make "{{{" and open the action one brace early, in Go too.
    const before = text.filter((t) => !t.endsWith('{'));
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 4 }), fc.string(), before, text, (keys, value, before, after) => {
        const data = keys.reduceRight<unknown>((inner, k) => ({ [k]: inner }), value);
        return renderTemplate(`${before}{{.${keys.join('.')}}}${after}`, data, strict) === `${before}${value}${after}`;
      }),
    );
  });

  test('index N of a list yields its Nth element, and past the end an error', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), fc.nat(10), (items, n) => {
        const render = () => renderTemplate(`{{index .xs ${n}}}`, { xs: items }, strict);
        if (n < items.length) return render() === items[n];
        expect(render).toThrow(`index out of range: ${n}`);
        return true;
      }),
    );
  });
});
