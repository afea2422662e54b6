// Output formats of `lgtm validate`: human, json, junit and GitHub annotations.
import type { Finding } from './types';

export const FORMATS = ['human', 'json', 'junit', 'github'] as const;
export type Format = (typeof FORMATS)[number];

const location = (f: Finding): string => `${f.file}${f.line !== undefined ? `:${f.line}` : ''}`;

/** `file:line: Kind/ns/name path: message (check-id)`. */
export function oneLine(f: Finding): string {
  const where = [location(f), f.path ? `${f.object} ${f.path}` : f.object].filter(Boolean).join(': ');
  return `${where}: ${f.message} (${f.check})`;
}

export function summary(findings: readonly Finding[], objects: number, files: number): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return `${objects} object(s) in ${files} file(s): ${errors} error(s), ${warnings} warning(s)`;
}

function human(findings: readonly Finding[], objects: number, files: number): string {
  const out: string[] = [];
  for (const severity of ['error', 'warning'] as const) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(`${severity === 'error' ? 'Errors' : 'Warnings'}:`, ...group.map((f) => `  ${oneLine(f)}`), '');
  }
  out.push(summary(findings, objects, files));
  return out.join('\n') + '\n';
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One testcase per file; each finding of severity error is a failure. */
function junit(findings: readonly Finding[], fileNames: readonly string[]): string {
  const byFile = new Map<string, Finding[]>(fileNames.map((f) => [f, []]));
  for (const f of findings) (byFile.get(f.file) ?? byFile.set(f.file, []).get(f.file)!).push(f);
  const failures = findings.filter((f) => f.severity === 'error').length;
  const cases = [...byFile].map(([file, fs]) => {
    const errors = fs.filter((f) => f.severity === 'error');
    const body = errors.map((f) => `      <failure type="${xml(f.check)}" message="${xml(f.message)}">${xml(oneLine(f))}</failure>`).join('\n');
    const warnings = fs.filter((f) => f.severity === 'warning').map(oneLine).join('\n');
    const out = warnings ? `\n      <system-out>${xml(warnings)}</system-out>` : '';
    return body || out ? `    <testcase classname="lgtm-validate" name="${xml(file)}">\n${body}${out}\n    </testcase>` : `    <testcase classname="lgtm-validate" name="${xml(file)}"/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${byFile.size}" failures="${failures}">`,
    `  <testsuite name="lgtm validate" tests="${byFile.size}" failures="${failures}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

// GitHub workflow commands: properties escape %, CR, LF, ':' and ','; the message escapes %, CR, LF.
const ghData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const ghProp = (s: string): string => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function github(findings: readonly Finding[], objects: number, files: number): string {
  const lines = findings.map((f) => {
    const props = [`file=${ghProp(f.file)}`, ...(f.line !== undefined ? [`line=${f.line}`] : []), `title=${ghProp(f.check)}`].join(',');
    const subject = f.object ? `${f.object}${f.path ? ` ${f.path}` : ''}: ` : '';
    return `::${f.severity} ${props}::${ghData(subject + f.message)}`;
  });
  return [...lines, summary(findings, objects, files), ''].join('\n');
}

export function formatFindings(format: Format, findings: readonly Finding[], objects: number, fileNames: readonly string[]): string {
  switch (format) {
    case 'human':
      return human(findings, objects, fileNames.length);
    case 'json':
      return JSON.stringify({ findings, summary: { objects, files: fileNames.length, errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length } }, null, 2) + '\n';
    case 'junit':
      return junit(findings, fileNames);
    case 'github':
      return github(findings, objects, fileNames.length);
  }
}
