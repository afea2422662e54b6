// Output formats: what a person, a script, a CI test report and GitHub annotations read.
import { formatFindings } from '../../lib/validate/format';
import type { Finding } from '../../lib/validate/types';

const findings: Finding[] = [
  { severity: 'error', check: 'image-tag', file: 'm/deploy.yaml', line: 12, path: 'spec.template.spec.containers[0].image', object: 'Deployment/obs/web', message: 'image "web:latest" uses the latest tag; pin a version (lib/versions.ts)' },
  { severity: 'warning', check: 'probes', file: 'm/deploy.yaml', line: 10, path: 'spec.template.spec.containers[0].livenessProbe', object: 'Deployment/obs/web', message: 'livenessProbe is missing; add one' },
  { severity: 'error', check: 'yaml', file: 'm/bad.yaml', line: 3, path: '', object: '', message: 'duplicate key "a": remove one, 100% sure' },
];
const files = ['m/bad.yaml', 'm/deploy.yaml', 'm/ok.yaml'];

describe('lgtm validate output', () => {
  test('human: errors then warnings, one line each, and a summary', () => {
    expect(formatFindings('human', findings, 5, files)).toBe(
      [
        'Errors:',
        '  m/deploy.yaml:12: Deployment/obs/web spec.template.spec.containers[0].image: image "web:latest" uses the latest tag; pin a version (lib/versions.ts) (image-tag)',
        '  m/bad.yaml:3: duplicate key "a": remove one, 100% sure (yaml)',
        '',
        'Warnings:',
        '  m/deploy.yaml:10: Deployment/obs/web spec.template.spec.containers[0].livenessProbe: livenessProbe is missing; add one (probes)',
        '',
        '5 object(s) in 3 file(s): 2 error(s), 1 warning(s)',
        '',
      ].join('\n'),
    );
  });

  test('json: the findings and the counts', () => {
    expect(JSON.parse(formatFindings('json', findings, 5, files))).toEqual({ findings, summary: { objects: 5, files: 3, errors: 2, warnings: 1 } });
  });

  test('github: one workflow command per finding, with escaped properties and message', () => {
    const out = formatFindings('github', findings, 5, files).split('\n');
    expect(out[0]).toBe('::error file=m/deploy.yaml,line=12,title=image-tag::Deployment/obs/web spec.template.spec.containers[0].image: image "web:latest" uses the latest tag; pin a version (lib/versions.ts)');
    expect(out[1]).toBe('::warning file=m/deploy.yaml,line=10,title=probes::Deployment/obs/web spec.template.spec.containers[0].livenessProbe: livenessProbe is missing; add one');
    expect(out[2]).toBe('::error file=m/bad.yaml,line=3,title=yaml::duplicate key "a": remove one, 100%25 sure');
    expect(out[3]).toBe('5 object(s) in 3 file(s): 2 error(s), 1 warning(s)');
  });

  test('junit: one test case per file, a failure per error, XML-escaped', () => {
    const xml = formatFindings('junit', findings, 5, files);
    expect(xml).toContain('<testsuites tests="3" failures="2">');
    expect(xml).toContain('<testcase classname="lgtm-validate" name="m/ok.yaml"/>');
    expect(xml).toContain('<failure type="image-tag" message="image &quot;web:latest&quot; uses the latest tag; pin a version (lib/versions.ts)">');
    expect(xml).toContain('<system-out>m/deploy.yaml:10: Deployment/obs/web spec.template.spec.containers[0].livenessProbe: livenessProbe is missing; add one (probes)</system-out>');
    expect(xml.match(/<failure /g)).toHaveLength(2);
  });
});
