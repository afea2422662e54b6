// Folder selection of Argo CD's Git directory generator: Go's path.Match, exclude beats include.
import fc from 'fast-check';
import { BadPatternError, pathMatch } from '../../lib/argocd/glob';
import { directoryParams, sanitizeName, selectDirectories } from '../../lib/argocd/generate';

// Go's own table (src/path/match_test.go): the port must agree with it case for case.
const GO_CASES: [pattern: string, name: string, match: boolean | 'bad'][] = [
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['a[^a][^a][^a]b', 'a☺b', false],
  ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['[\\-x]', '-', true],
  ['[\\-x]', 'a', false],
  ['[]a]', ']', 'bad'],
  ['[-]', '-', 'bad'],
  ['[x-]', 'x', 'bad'],
  ['[x-]', '-', 'bad'],
  ['[x-]', 'z', 'bad'],
  ['[-x]', 'x', 'bad'],
  ['[-x]', '-', 'bad'],
  ['[-x]', 'a', 'bad'],
  ['\\', 'a', 'bad'],
  ['[a-b-c]', 'a', 'bad'],
  ['[', 'a', 'bad'],
  ['[^', 'a', 'bad'],
  ['[^bc', 'a', 'bad'],
  ['a[', 'a', 'bad'],
  ['a[', 'ab', 'bad'],
  ['a[', 'x', 'bad'],
  ['a/b[', 'x', 'bad'],
  ['*x', 'xxx', true],
];

describe('pathMatch agrees with Go path.Match', () => {
  test.each(GO_CASES)('Match(%j, %j) = %j', (pattern, name, expected) => {
    if (expected === 'bad') expect(() => pathMatch(pattern, name)).toThrow(BadPatternError);
    else expect(pathMatch(pattern, name)).toBe(expected);
  });
});

// The patterns this repository's ApplicationSets use, against the folders a repository holds.
const REPO_CASES: [pattern: string, path: string, match: boolean][] = [
  ['environments/dev/manifests/*', 'environments/dev/manifests/loki', true],
  ['environments/dev/manifests/*', 'environments/dev/manifests/argocd', true],
  ['environments/dev/manifests/*', 'environments/dev/manifests', false],
  ['environments/dev/manifests/*', 'environments/dev/manifests/loki/rules', false],
  ['environments/dev/manifests/*', 'environments/staging/manifests/loki', false],
  ['environments/dev/manifests/*', 'environments/dev/alloy', false],
  ['environments/*/manifests/*', 'environments/prod/manifests/mimir', true],
  ['environments/*', 'environments/prod/manifests', false],
  ['environments/dev/manifests/[a-l]*', 'environments/dev/manifests/loki', true],
  ['environments/dev/manifests/[a-l]*', 'environments/dev/manifests/mimir', false],
  ['environments/dev/manifests/?oki', 'environments/dev/manifests/loki', true],
  ['environments/dev/manifests/argocd', 'environments/dev/manifests/argocd', true],
  ['environments/dev/manifests/argocd', 'environments/dev/manifests/argocd2', false],
  ['*', 'environments', true],
  ['*', 'environments/dev', false],
];

describe('generator globs on repository paths', () => {
  test.each(REPO_CASES)('%j matches %j: %j', (pattern, path, expected) => {
    expect(pathMatch(pattern, path)).toBe(expected);
  });
});

const DIRS = [
  'apps',
  'environments',
  'environments/dev',
  'environments/dev/alloy',
  'environments/dev/manifests',
  'environments/dev/manifests/argocd',
  'environments/dev/manifests/loki',
  'environments/dev/manifests/loki/rules',
  'environments/dev/manifests/mimir',
  'environments/prod/manifests/loki',
];

describe('selectDirectories (filterApps)', () => {
  test('include, then exclude wins whatever the order of the entries', () => {
    const items = [
      { path: 'environments/dev/manifests/argocd', exclude: true },
      { path: 'environments/dev/manifests/*' },
    ];
    expect(selectDirectories(items, DIRS)).toEqual({
      selected: ['environments/dev/manifests/loki', 'environments/dev/manifests/mimir'],
      findings: [],
    });
  });

  test('an exclude glob removes what several includes select', () => {
    const items = [
      { path: 'environments/*/manifests/*' },
      { path: 'environments/dev/manifests/mimir' },
      { path: 'environments/*/manifests/[lm]*', exclude: true },
    ];
    expect(selectDirectories(items, DIRS).selected).toEqual(['environments/dev/manifests/argocd']);
  });

  test('only excludes select nothing', () => {
    expect(selectDirectories([{ path: 'environments/dev/manifests/*', exclude: true }], DIRS).selected).toEqual([]);
  });

  test('a malformed pattern is reported and matches nothing, as Argo CD logs and skips it', () => {
    const r = selectDirectories([{ path: 'environments/dev/manifests/[' }, { path: 'environments/dev/manifests/loki' }], DIRS);
    expect(r.selected).toEqual(['environments/dev/manifests/loki']);
    expect(r.findings).toEqual([
      { kind: 'glob', message: 'directories path "environments/dev/manifests/[": syntax error in pattern "environments/dev/manifests/[" (Go path.Match); Argo CD logs this and matches nothing' },
    ]);
  });
});

describe('goTemplate params of a folder', () => {
  test('path, basename, basenameNormalized and segments', () => {
    expect(directoryParams('environments/dev/manifests/My_App')).toEqual({
      path: {
        path: 'environments/dev/manifests/My_App',
        basename: 'My_App',
        basenameNormalized: 'my-app',
        segments: ['environments', 'dev', 'manifests', 'My_App'],
      },
    });
  });

  test('pathParamPrefix nests them', () => {
    expect(directoryParams('a/b', 'src')).toEqual({ src: { path: { path: 'a/b', basename: 'b', basenameNormalized: 'b', segments: ['a', 'b'] } } });
  });

  test.each([
    ['loki', 'loki'],
    ['My_App', 'my-app'],
    ['_hidden-', 'hidden'],
    ['a.b', 'a.b'],
    ['x'.repeat(300), 'x'.repeat(253)],
  ])('sanitizeName case %#', (input, expected) => {
    expect(sanitizeName(input)).toBe(expected);
  });
});

describe('pathMatch properties', () => {
  const segment = fc.stringMatching(/^[a-z0-9._-]{1,12}$/);
  const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((p) => p.join('/'));

  test('a path without metacharacters matches itself and nothing longer', () => {
    fc.assert(fc.property(path, segment, (p, extra) => pathMatch(p, p) && !pathMatch(p, `${p}/${extra}`) && !pathMatch(p, `${p}${extra}`)));
  });

  test('replacing one segment with * matches exactly the paths with the same other segments', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.nat(), segment, (segs, i, other) => {
        const k = i % segs.length;
        const pattern = segs.map((s, j) => (j === k ? '*' : s)).join('/');
        const swapped = segs.map((s, j) => (j === k ? other : s)).join('/');
        const deeper = segs.map((s, j) => (j === k ? `${other}/${other}` : s)).join('/');
        return pathMatch(pattern, swapped) && !pathMatch(pattern, deeper);
      }),
    );
  });
});
