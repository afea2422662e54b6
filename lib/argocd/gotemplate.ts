// The small part of Go's text/template that this repository's ApplicationSets use, evaluated as
// Argo CD does with `goTemplate: true`: field references (`{{.path.basename}}`) and
// `{{index .path.segments 1}}`, with `{{-`/`-}}` trimming. Anything else (pipelines, functions,
// conditionals) is refused with an error rather than guessed at, so `lgtm plan` never prints a
// name Argo CD would not produce.

export type TemplateErrorKind = 'syntax' | 'unsupported' | 'missing-key' | 'evaluation';

export class TemplateError extends Error {
  constructor(
    readonly kind: TemplateErrorKind,
    readonly template: string,
    detail: string,
  ) {
    super(`template ${JSON.stringify(template)}: ${detail}`);
  }
}

export interface TemplateOptions {
  /** From `goTemplateOptions: ["missingkey=error"]`; otherwise Go prints `<no value>`. */
  missingKeyError: boolean;
}

type Part = { text: string } | { action: string };

/** Splits a template into text and actions, applying Go's trim markers. */
function lex(template: string): Part[] {
  const parts: Part[] = [];
  let pos = 0;
  let trimNextText = false;
  while (pos <= template.length) {
    const open = template.indexOf('{{', pos);
    let text = open < 0 ? template.slice(pos) : template.slice(pos, open);
    if (trimNextText) text = text.replace(/^\s+/, '');
    if (open < 0) {
      if (text) parts.push({ text });
      break;
    }
    let bodyStart = open + 2;
    // `{{- ` trims the text before; Go requires a space after the dash.
    if (/^-[ \t\r\n]/.test(template.slice(bodyStart, bodyStart + 2))) {
      text = text.replace(/\s+$/, '');
      bodyStart += 1;
    }
    if (text) parts.push({ text });
    const close = template.indexOf('}}', bodyStart);
    if (close < 0) throw new TemplateError('syntax', template, 'unclosed action: "{{" without "}}"');
    let bodyEnd = close;
    trimNextText = false;
    if (/[ \t\r\n]-$/.test(template.slice(bodyStart, close))) {
      bodyEnd = close - 1;
      trimNextText = true;
    }
    parts.push({ action: template.slice(bodyStart, bodyEnd).trim() });
    pos = close + 2;
  }
  return parts;
}

const FIELD_CHAIN = /^(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const INDEX_ARG = /^(?:-?\d+|"(?:[^"\\]|\\.)*")$/;

function describeType(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'map' : typeof v;
}

function lookupField(template: string, data: unknown, chain: string, options: TemplateOptions): unknown {
  let value: unknown = data;
  let seen = '';
  for (const key of chain.slice(1).split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new TemplateError('evaluation', template, `can't evaluate field ${key} of ${seen || '.'} (a ${describeType(value)})`);
    }
    seen += `.${key}`;
    const map = value as Record<string, unknown>;
    if (!Object.hasOwn(map, key)) {
      if (options.missingKeyError) {
        throw new TemplateError('missing-key', template, `map has no entry for key "${key}" (at <${seen}>; missingkey=error)`);
      }
      return undefined;
    }
    value = map[key];
  }
  return value;
}

function evalIndex(template: string, data: unknown, args: string[], options: TemplateOptions): unknown {
  const [target, ...indices] = args;
  if (target === undefined || !FIELD_CHAIN.test(target) || indices.length === 0 || !indices.every((a) => INDEX_ARG.test(a))) {
    throw new TemplateError('unsupported', template, 'lgtm plan evaluates index only as `index .field.chain N` (a number or a quoted key)');
  }
  let value = lookupField(template, data, target, options);
  for (const raw of indices) {
    if (raw.startsWith('"')) {
      const key = JSON.parse(raw) as string;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new TemplateError('evaluation', template, `error calling index: cannot index a ${describeType(value)} with "${key}"`);
      }
      // Go's index returns the zero value for a missing map key, whatever missingkey says.
      value = (value as Record<string, unknown>)[key];
    } else {
      const i = Number(raw);
      if (!Array.isArray(value)) {
        throw new TemplateError('evaluation', template, `error calling index: cannot index a ${describeType(value)} with ${i}`);
      }
      if (i < 0 || i >= value.length) {
        throw new TemplateError('evaluation', template, `error calling index: index out of range: ${i}`);
      }
      value = value[i];
    }
  }
  return value;
}

function print(template: string, action: string, value: unknown): string {
  if (value === undefined || value === null) return '<no value>';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TemplateError('unsupported', template, `{{${action}}} yields a ${describeType(value)}; lgtm plan prints only strings, numbers and booleans`);
}

/** Renders `template` against `data` as Go's text/template would, for the supported subset. */
export function renderTemplate(template: string, data: unknown, options: TemplateOptions): string {
  let out = '';
  for (const part of lex(template)) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const action = part.action;
    if (action.startsWith('/*')) continue;
    if (FIELD_CHAIN.test(action)) {
      out += print(template, action, lookupField(template, data, action, options));
      continue;
    }
    const words = action.split(/\s+/);
    if (words[0] === 'index') {
      out += print(template, action, evalIndex(template, data, words.slice(1), options));
      continue;
    }
    throw new TemplateError(
      'unsupported',
      template,
      `{{${action}}} is outside what lgtm plan evaluates (field references such as {{.path.basename}} and {{index .path.segments N}}); extend lib/argocd/gotemplate.ts or use those forms`,
    );
  }
  return out;
}

/** Whether a string holds a template action at all (Argo CD renders every string field). */
export const isTemplated = (s: string): boolean => s.includes('{{');
