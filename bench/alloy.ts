// Alloy syntax throughput: parse + format (what `lgtm fmt` and the builder do: formatSource, which checks
// the grammar and prints from the tokens without building a tree), parsing into a tree (what vet and the
// error messages use) and vet, on a large generated configuration that uses every construct the formatter
// handles.
import { formatSource } from '../lib/alloy/format';
import { parseFile } from '../lib/alloy/parser';
import { vetFiles } from '../lib/alloy/vet';
import type { BenchResult } from '../render/commands/bench';

/** A realistic pipeline fragment repeated with distinct labels (comments, objects, arrays, calls, raw strings). */
export function largeConfig(targetBytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const s = `// ===== Pipeline ${i} =====
discovery.kubernetes "pods_${i}" {
  role = "pod"
  selectors {
    role = "pod"
    field = "spec.nodeName=" + coalesce(sys.env("HOSTNAME"), constants.hostname)
  }
}

discovery.relabel "pods_${i}" {
  targets = discovery.kubernetes.pods_${i}.targets
  rule {
    source_labels = ["__meta_kubernetes_namespace", "__meta_kubernetes_pod_name"]
    separator = "/"
    target_label = "job"
  }
  rule {
    action = "drop"
    regex = \`(kube-system|monitoring)\`
    source_labels = ["__meta_kubernetes_namespace"] // noisy namespaces
  }
}

prometheus.scrape "pods_${i}" {
  targets = discovery.relabel.pods_${i}.output
  forward_to = [prometheus.remote_write.mimir_${i}.receiver]
  scrape_interval = "60s"
}

prometheus.remote_write "mimir_${i}" {
  endpoint {
    url = "http://mimir-distributor.lgtm.svc:8080/api/v1/push"
    headers = {
      "X-Scope-OrgID" = "dev",
      retry = "yes",
    }
  }
  external_labels = { cluster = "dev", replica = string.format("%s-%d", constants.hostname, ${i}) }
}

loki.process "pods_${i}" {
  stage.json {
    expressions = {
      level = "level",
      message = "message",
    }
  }
  stage.labels {
    values = { level = "" }
  }
  forward_to = [loki.write.default.receiver]
}

`;
    parts.push(s);
    size += s.length;
  }
  parts.push('loki.write "default" {\n  endpoint {\n    url = "http://loki-gateway.lgtm.svc/loki/api/v1/push"\n  }\n}\n');
  return parts.join('');
}

function bestOf(runs: number, fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

export async function bench(): Promise<BenchResult[]> {
  const src = Buffer.from(largeConfig(4 * 1024 * 1024), 'utf8');
  const mb = src.length / (1024 * 1024);
  const formatted = formatSource(src).output;
  if (!formatted) throw new Error('generated benchmark config does not parse');
  formatSource(src); // warm-up
  const fmtMs = bestOf(5, () => formatSource(src));
  const parseMs = bestOf(5, () => parseFile('bench.alloy', src));
  const small = largeConfig(256 * 1024);
  const vetMs = bestOf(3, () => vetFiles([{ path: 'bench.alloy', content: small }], { repoRoot: process.cwd() }));
  return [
    { name: `alloy parse+format (${mb.toFixed(1)} MB generated config)`, value: mb / (fmtMs / 1000), unit: 'MB/s', target: '>= 60 MB/s' },
    { name: 'alloy parse only', value: mb / (parseMs / 1000), unit: 'MB/s' },
    { name: 'alloy vet (0.25 MB config, schemas loaded)', value: 0.25 / (vetMs / 1000), unit: 'MB/s' },
  ];
}
