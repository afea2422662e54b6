import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vetFiles, analyze } from '../../lib/alloy/vet';
import { toMermaid } from '../../lib/alloy/graph';

const here = dirname(fileURLToPath(import.meta.url));
const vet = (content: string, repoRoot = tmpdir()) => vetFiles([{ path: 'main.alloy', content }], { repoRoot }).map((f) => f.text);

const remoteWrite = 'prometheus.remote_write "mimir" {\n\tendpoint {\n\t\turl = "http://mimir:8080/api/v1/push"\n\t}\n}\n';

describe('alloy vet', () => {
  it('accepts the ADR seed pipeline', () => {
    expect(vet(readFileSync(join(here, '../golden/alloy/fmt/adr_seed.expect'), 'utf8'))).toEqual([]);
  });

  const table: [string, string, string[]][] = [
    [
      'dangling forward_to, with a suggestion',
      `prometheus.scrape "pods" {\n\ttargets    = []\n\tforward_to = [prometheus.remote_write.mimr.receiver]\n}\n\n${remoteWrite}`,
      ['main.alloy:3:16: component "prometheus.remote_write.mimr.receiver" does not exist or is out of scope; did you mean "prometheus.remote_write.mimir"?'],
    ],
    ['unknown export of a component', `prometheus.scrape "pods" {\n\ttargets    = []\n\tforward_to = [prometheus.remote_write.mimir.recevier]\n}\n\n${remoteWrite}`, ['main.alloy:3:16: prometheus.remote_write.mimir has no export "recevier"; did you mean "receiver"?']],
    ['duplicate label', `${remoteWrite}\n${remoteWrite}`, ['main.alloy:7:1: block prometheus.remote_write.mimir already declared at main.alloy:1:1']],
    [
      'cycle',
      'prometheus.relabel "a" {\n\tforward_to = [prometheus.relabel.b.receiver]\n}\n\nprometheus.relabel "b" {\n\tforward_to = [prometheus.relabel.a.receiver]\n}\n',
      ['main.alloy:1:1: cycle detected: prometheus.relabel.a -> prometheus.relabel.b -> prometheus.relabel.a'],
    ],
    ['self reference', 'prometheus.relabel "a" {\n\tforward_to = [prometheus.relabel.a.receiver]\n}\n', ['main.alloy:2:16: cycle detected: prometheus.relabel.a references itself']],
    ['unknown argument, with a suggestion', `prometheus.scrape "pods" {\n\ttargets          = []\n\tforward_to       = []\n\tscrape_intervall = "10s"\n}\n`, ['main.alloy:4:2: unrecognized attribute name "scrape_intervall"; did you mean "scrape_interval"?']],
    ['unknown block', 'prometheus.remote_write "x" {\n\tendpont {\n\t\turl = "http://x"\n\t}\n}\n', ['main.alloy:2:2: unrecognized block name "endpont"; did you mean "endpoint"?']],
    ['missing required arguments', 'prometheus.scrape "pods" { }\n', ['main.alloy:1:1: missing required attribute "forward_to"', 'main.alloy:1:1: missing required attribute "targets"']],
    ['missing required argument of a nested block', 'prometheus.remote_write "x" {\n\tendpoint { }\n}\n', ['main.alloy:2:2: missing required attribute "url" in block prometheus.remote_write > endpoint']],
    ['missing required block', 'otelcol.processor.batch "x" { }\n', ['main.alloy:1:1: missing required block "output"']],
    ['type mismatch', 'prometheus.scrape "pods" {\n\ttargets    = []\n\tforward_to = "prometheus.remote_write.mimir.receiver"\n\tjob_name   = 5\n}\n', ['main.alloy:3:15: forward_to: expected list(MetricsReceiver), got string', 'main.alloy:4:15: job_name: expected string, got number']],
    ['attribute set twice', 'local.file "x" {\n\tfilename = "a"\n\tfilename = "b"\n}\n', ['main.alloy:3:2: attribute "filename" may only be provided once']],
    ['unknown component', 'prometheus.scrap "x" { }\n', ['main.alloy:1:1: cannot find the definition of component name "prometheus.scrap"; did you mean "prometheus.scrape"?']],
    ['component without label', 'local.file {\n\tfilename = "a"\n}\n', ['main.alloy:1:1: component "local.file" must have a label']],
    ['top-level attribute', 'level = "info"\n', ['main.alloy:1:1: unrecognized attribute name "level"']],
    ['argument outside a module', 'argument "x" { }\n', ['main.alloy:1:1: argument blocks only allowed inside a module']],
    ['service block twice', 'http { }\n\nhttp { }\n', ['main.alloy:3:1: block http already declared at main.alloy:1:1']],
    ['service block with a label', 'livedebugging "x" {\n\tenabled = true\n}\n', ['main.alloy:1:15: block livedebugging does not support labels']],
    ['logging inside declare', 'declare "m" {\n\tlogging { }\n}\n', ['main.alloy:2:2: logging not allowed in module']],
    [
      'custom component arguments',
      'declare "m" {\n\targument "url" { }\n\n\targument "tenant" {\n\t\toptional = true\n\t}\n\n\texport "out" {\n\t\tvalue = argument.url.value\n\t}\n}\n\nm "a" {\n\turl    = "x"\n\ttenent = "y"\n}\n\nm "b" { }\n\nlocal.file "c" {\n\tfilename = m.a.otu\n}\n',
      [
        'main.alloy:15:2: unrecognized attribute name "tenent"; did you mean "tenant"?',
        'main.alloy:18:1: missing required attribute "url"',
        'main.alloy:21:13: m.a has no export "otu"; did you mean "out"?',
      ],
    ],
    ['undeclared argument in a declare', 'declare "m" {\n\targument "url" { }\n\n\tlocal.file "f" {\n\t\tfilename = argument.ulr.value\n\t}\n}\n', ['main.alloy:5:14: component "argument.ulr.value" does not exist or is out of scope; did you mean "url"?']],
    ['declare scope hides outer components', `${remoteWrite}\ndeclare "m" {\n\tprometheus.relabel "r" {\n\t\tforward_to = [prometheus.remote_write.mimir.receiver]\n\t}\n}\n`, ['main.alloy:9:17: component "prometheus.remote_write.mimir.receiver" does not exist or is out of scope']],
    ['HEAD revision in import.git', 'import.git "m" {\n\trepository = "https://example.com/r.git"\n\trevision   = "HEAD"\n\tpath       = "nowhere"\n}\n', ['main.alloy:3:15: revision "HEAD" is not allowed since Alloy v1.5; pin a branch, tag or commit', 'main.alloy:4:15: import.git "m": nowhere does not exist in this repository (render it first, or fix the path)']],
    ['syntax errors come first and stop the checks', 'a = [1,\n2\n]\n', ["main.alloy:2:2: missing ',' in expression list"]],
  ];

  it.each(table)('%s', (_name, content, expected) => {
    expect(vet(content)).toEqual(expected);
  });

  it('standard library and module_path are in scope', () => {
    expect(vet('local.file "x" {\n\tfilename = file.path_join(module_path, sys.env("F"), string.format("%s", constants.hostname))\n}\n')).toEqual([]);
  });

  describe('modules imported from this repository', () => {
    let root: string;
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'alloy-vet-'));
      mkdirSync(join(root, 'environments/dev/alloy'), { recursive: true });
      writeFileSync(
        join(root, 'environments/dev/alloy/logs.alloy'),
        'declare "pod_logs" {\n\targument "loki_url" { }\n\n\tloki.write "default" {\n\t\tendpoint {\n\t\t\turl = argument.loki_url.value\n\t\t}\n\t}\n\n\texport "receiver" {\n\t\tvalue = loki.write.default.receiver\n\t}\n}\n',
      );
      writeFileSync(join(root, 'environments/dev/alloy/lib.alloy'), 'import.file "lib" {\n\tfilename = file.path_join(module_path, "modules/lib.alloy")\n}\n');
      mkdirSync(join(root, 'modules'));
      writeFileSync(join(root, 'modules/lib.alloy'), 'declare "noop" {\n\tlocal.file "f" {\n\t\tfilename = "/dev/null"\n\t}\n}\n\nlocal.file "stray" {\n\tfilename = "x"\n}\n');
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    const bootstrap = (body: string) =>
      `import.git "lgtm" {\n\trepository = "https://example.com/org/repo.git"\n\trevision   = "main"\n\tpath       = "environments/dev/alloy"\n}\n\n${body}`;

    it('checks instances against the imported declares and the module content itself', () => {
      expect(vet(bootstrap('lgtm.pod_logs "node" {\n\tloki_url = "http://loki:3100/loki/api/v1/push"\n}\n\nloki.source.journal "j" {\n\tforward_to = [lgtm.pod_logs.node.receiver]\n}\n'), root)).toEqual([
        'modules/lib.alloy:7:1: only declare and import blocks are allowed in a module, got local.file',
      ]);
    });

    it('reports unknown declares, arguments and exports of imported modules', () => {
      expect(vet(bootstrap('lgtm.pod_log "a" { }\n\nlgtm.pod_logs "b" {\n\tloki_uri = "x"\n}\n\nloki.source.journal "j" {\n\tforward_to = [lgtm.pod_logs.b.reciever]\n}\n'), root)).toEqual([
        'main.alloy:7:1: module imported as "lgtm" has no declare "pod_log"; did you mean "pod_logs"?',
        'main.alloy:9:1: missing required attribute "loki_url"',
        'main.alloy:10:2: unrecognized attribute name "loki_uri"; did you mean "loki_url"?',
        'main.alloy:14:16: lgtm.pod_logs.b has no export "reciever"; did you mean "receiver"?',
        'modules/lib.alloy:7:1: only declare and import blocks are allowed in a module, got local.file',
      ]);
    });
  });

  it('exports a Mermaid flowchart of the pipeline', () => {
    const a = analyze(
      [{ path: 'main.alloy', content: `discovery.kubernetes "pods" {\n\trole = "pod"\n}\n\nprometheus.scrape "pods" {\n\ttargets    = discovery.kubernetes.pods.targets\n\tforward_to = [prometheus.remote_write.mimir.receiver]\n}\n\n${remoteWrite}` }],
      { repoRoot: tmpdir() },
    );
    expect(toMermaid(a)).toBe(`flowchart LR
  discovery_kubernetes_pods["discovery.kubernetes.pods"]
  prometheus_scrape_pods["prometheus.scrape.pods"]
  prometheus_remote_write_mimir["prometheus.remote_write.mimir"]
  discovery_kubernetes_pods -.->|targets| prometheus_scrape_pods
  prometheus_scrape_pods -->|forward_to| prometheus_remote_write_mimir
`);
  });
});
