// Which Go module builds the program behind each image the rendered environments run, and how the
// image lays it out (entrypoint, working directory, user), so the pod runner can start the binary
// as the container runtime would start the image. Versions come from lib/versions.ts only: a
// Renovate bump of an image tag changes what is built.
import { harnessModules, images, type HarnessProgramName, type ImageName } from '../../lib/versions';

/** How the image starts its program (from the upstream Dockerfile at the pinned tag). */
export interface ImageLayout {
  /** The image's ENTRYPOINT binary path, where the pod runner places the built binary. */
  readonly entrypoint: string;
  /** The image's CMD, used when a container sets neither `command` nor `args`. */
  readonly cmd?: readonly string[];
  /** The image's WORKDIR; `/` when the Dockerfile sets none. */
  readonly workdir: string;
  /** The image's USER as a numeric UID; 0 when the Dockerfile sets none. */
  readonly user: number;
}

export interface BuildablePlan {
  readonly kind: 'build';
  /** Binary name, also the cache key's first part. */
  readonly name: string;
  readonly module: string;
  /** Go module version, derived from the pinned tag. */
  readonly version: string;
  /**
   * The package `go get` resolves: the main package to build, or, with `wrapperMain`, the package
   * that main.go imports (when upstream's own main lives in a module the proxy does not serve).
   */
  readonly mainPackage: string;
  /** A main.go for the wrapper module; the build then compiles the wrapper itself. */
  readonly wrapperMain?: string;
  /**
   * Version for a module that upstream's go.mod replaces with a local folder (a sibling module in
   * the same repository). Returning undefined drops the replace (a guard such as etcd's
   * FORBIDDEN_DEPENDENCY, which nothing requires).
   */
  readonly siblingVersion?: (module: string) => string | undefined;
  /** Exact versions upstream requires that the proxy refuses, mapped to the release that carries them. */
  readonly substitutes?: readonly { readonly from: string; readonly to: string; readonly why: string }[];
  readonly tags?: readonly string[];
  readonly ldflags?: readonly string[];
  readonly layout?: ImageLayout;
  /**
   * Set while the recipe cannot build here, with the reason; the recipe stays so that the day the
   * reason goes away, deleting this line is the whole change.
   */
  readonly unavailable?: string;
}

export interface BlockedPlan {
  readonly kind: 'blocked';
  readonly name: string;
  readonly module: string;
  readonly version: string;
  /** One line: why this program cannot be built on these machines. */
  readonly why: string;
}

export type ProgramPlan = BuildablePlan | BlockedPlan;

const AGPL = 'is licensed under the AGPL, which this workplace does not allow building or running';
const NOT_SERVED = 'is not served by the Go module proxy these machines reach (403 on the exact version)';

/** `v1.18.1` → `v1.18.1`; `1.18.1` → `v1.18.1`. */
const semver = (tag: string): string => (tag.startsWith('v') ? tag : `v${tag}`);

function fromImage(image: ImageName): { version: string; tag: string } {
  const tag = images[image].tag;
  return { tag, version: semver(tag) };
}

/** One row per image the rendered environments run. */
export function imagePrograms(): Record<ImageName, ProgramPlan> {
  const alloy = fromImage('alloy');
  const pushgateway = fromImage('pushgateway');
  return {
    alloy: {
      kind: 'build',
      name: 'alloy',
      module: 'github.com/grafana/alloy',
      version: alloy.version,
      // Alloy's release binary is built from its collector/ module (Makefile target `alloy`), which
      // the proxy does not serve. Its generated main (collector/main_alloy.go) returns
      // flowcmd.RootCommand() with the experimental `otel` and OpAMP subcommands added; `alloy run`,
      // which the rendered DaemonSet uses, is that same root command.
      mainPackage: 'github.com/grafana/alloy/flowcmd',
      wrapperMain: [
        'package main',
        '',
        'import (',
        '\t"os"',
        '',
        '\t"github.com/grafana/alloy/flowcmd"',
        ')',
        '',
        'func main() {',
        '\tif err := flowcmd.RootCommand().Execute(); err != nil {',
        '\t\tos.Exit(1)',
        '\t}',
        '}',
        '',
      ].join('\n'),
      // `replace github.com/grafana/alloy/syntax => ./syntax`: the syntax module at the version
      // Alloy's go.mod requires.
      siblingVersion: (m) => (m === 'github.com/grafana/alloy/syntax' ? 'v0.1.1' : undefined),
      substitutes: [
        {
          from: 'github.com/prometheus/common@v0.67.6-0.20260415130754-a4fac5c9b6d9',
          to: 'github.com/prometheus/common@v0.68.0',
          why: 'the pseudo-version is not served; v0.68.0 is the first release after that commit',
        },
      ],
      // The release's tags less `embedalloyui` (needs the UI's npm build) and
      // `promtail_journal_enabled` (needs cgo and libsystemd; no rendered pipeline reads the journal).
      tags: ['netgo', 'gore2regex'],
      ldflags: [
        `-X github.com/grafana/alloy/internal/build.Version=${alloy.tag}`,
        `-X github.com/grafana/alloy/syntax/internal/stdlib.Version=${alloy.tag}`,
      ],
      // Found by `npm run upstream` on 2026-12-02: `go get` of flowcmd fails with 403 on these.
      unavailable:
        'its dependencies are not all served by the Go module proxy these machines reach: grafana/beyla/v3 v3.28.0, ' +
        'grafana/opentelemetry-ebpf-instrumentation v1.328.0, grafana/opentelemetry-ebpf-profiler, and about 45 ' +
        'opentelemetry-collector-contrib modules at v0.153.0 (403 on each)',
      // Dockerfile: ubuntu base, no USER, ENTRYPOINT ["/bin/alloy"].
      layout: {
        entrypoint: '/bin/alloy',
        cmd: ['run', '/etc/alloy/config.alloy', '--storage.path=/var/lib/alloy/data'],
        workdir: '/',
        user: 0,
      },
    },
    pushgateway: {
      kind: 'build',
      name: 'pushgateway',
      module: 'github.com/prometheus/pushgateway',
      version: pushgateway.version,
      mainPackage: 'github.com/prometheus/pushgateway',
      ldflags: [`-X github.com/prometheus/common/version.Version=${pushgateway.tag.replace(/^v/, '')}`],
      // Dockerfile: busybox base, WORKDIR /pushgateway, USER 65534, ENTRYPOINT ["/bin/pushgateway"].
      layout: { entrypoint: '/bin/pushgateway', workdir: '/pushgateway', user: 65534 },
    },
    mimir: { kind: 'blocked', name: 'mimir', module: 'github.com/grafana/mimir', version: images.mimir.tag, why: `Mimir ${AGPL}; its tag mimir-${images.mimir.tag} ${NOT_SERVED.replace(' (403 on the exact version)', '')}` },
    mimirtool: { kind: 'blocked', name: 'mimirtool', module: 'github.com/grafana/mimir', version: images.mimirtool.tag, why: `mimirtool is part of Mimir, which ${AGPL}` },
    loki: { kind: 'blocked', name: 'loki', module: 'github.com/grafana/loki/v3', version: images.loki.tag, why: `Loki ${AGPL}` },
    tempo: { kind: 'blocked', name: 'tempo', module: 'github.com/grafana/tempo', version: images.tempo.tag, why: `Tempo ${AGPL}` },
    grafana: { kind: 'blocked', name: 'grafana', module: 'github.com/grafana/grafana', version: images.grafana.tag, why: `Grafana ${AGPL}; its server also needs the front end built with Node and Yarn` },
    minio: { kind: 'blocked', name: 'minio', module: 'github.com/minio/minio', version: images.minio.tag, why: `MinIO ${AGPL}` },
    mc: { kind: 'blocked', name: 'mc', module: 'github.com/minio/mc', version: images.mc.tag, why: `the MinIO client ${AGPL}` },
    'kube-state-metrics': { kind: 'blocked', name: 'kube-state-metrics', module: 'k8s.io/kube-state-metrics/v2', version: images['kube-state-metrics'].tag, why: `kube-state-metrics ${images['kube-state-metrics'].tag} ${NOT_SERVED}` },
    'postgres-exporter': { kind: 'blocked', name: 'postgres-exporter', module: 'github.com/prometheus-community/postgres_exporter', version: images['postgres-exporter'].tag, why: `postgres_exporter ${NOT_SERVED}` },
    'mongodb-exporter': { kind: 'blocked', name: 'mongodb-exporter', module: 'github.com/percona/mongodb_exporter', version: images['mongodb-exporter'].tag, why: `mongodb_exporter ${images['mongodb-exporter'].tag} ${NOT_SERVED}` },
  };
}

/** The control plane of the local cluster. */
export function harnessPrograms(): Record<HarnessProgramName, BuildablePlan> {
  const kube = harnessModules['kube-apiserver'];
  const etcd = harnessModules.etcd;
  // k8s.io/kubernetes replaces every k8s.io staging module with ./staging/src/k8s.io/<name>;
  // each is published as its own module at v0.<minor>.<patch>.
  const staging = `v0.${kube.version.replace(/^v1\./, '')}`;
  return {
    'kube-apiserver': {
      kind: 'build',
      name: 'kube-apiserver',
      module: kube.module,
      version: kube.version,
      mainPackage: 'k8s.io/kubernetes/cmd/kube-apiserver',
      siblingVersion: (m) => (m.startsWith('k8s.io/') ? staging : undefined),
      ldflags: [
        `-X k8s.io/component-base/version.gitVersion=${kube.version}`,
        `-X k8s.io/component-base/version.gitMajor=1`,
        `-X k8s.io/component-base/version.gitMinor=${kube.version.split('.')[1]}`,
      ],
    },
    etcd: {
      kind: 'build',
      name: 'etcd',
      module: etcd.module,
      version: etcd.version,
      mainPackage: etcd.module,
      // server/go.mod replaces its sibling modules (api, client/pkg, client/v3, pkg) with ../<dir>;
      // they are released at the same version. FORBIDDEN_DEPENDENCY guards are dropped.
      siblingVersion: (m) => (m.startsWith('go.etcd.io/etcd/') ? etcd.version : undefined),
    },
  };
}

export function allPrograms(): ProgramPlan[] {
  return [...Object.values(harnessPrograms()), ...Object.values(imagePrograms())];
}

/** The image layout of the program that stands for `imageRef` (`repository:tag`), if it can run here. */
export function programForImage(imageRef: string): ProgramPlan | undefined {
  const programs = imagePrograms();
  for (const [key, ref] of Object.entries(images) as [ImageName, (typeof images)[ImageName]][]) {
    if (`${ref.repository}:${ref.tag}` === imageRef) return programs[key];
  }
  return undefined;
}
