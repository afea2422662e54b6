// Config files that ride in ConfigMaps: typed objects serialized to YAML the Go services read
// (gopkg.in/yaml v2 is YAML 1.1 about booleans such as `on`, hence the YAML-1.1-safe serializer),
// and the ConfigMap plus checksum that rolls the pods when the text changes.
import { blockYaml } from '../yaml/block';
import { YAML_OPTIONS } from './yaml';
import type { KubeObject } from './types';
import { checksum } from './workload';

/** A whole value that is one `${VAR}` reference, which the program replaces before it parses the YAML. */
const ENV_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;

/**
 * Same serializer as the manifests (no anchors, no folding, YAML-1.1-safe), keys in written order.
 * A `${VAR}` reference is double-quoted: Mimir, Loki and Tempo expand it as text before parsing
 * (-config.expand-env), so an unquoted secret holding `: `, ` #` or a leading `*`, `&`, `!`, `%`,
 * `@` or a quote would change the YAML's structure or fail to parse.
 */
export function configYaml(config: object): string {
  return blockYaml(config, YAML_OPTIONS, { doubleQuoted: (s) => ENV_REFERENCE.test(s) });
}

export interface ConfigFile {
  /** ConfigMap name, also the volume's source. */
  name: string;
  /** File name inside the mount, the ConfigMap key. */
  fileName: string;
  text: string;
}

export function configMapOf(file: ConfigFile): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: file.name }, data: { [file.fileName]: file.text } };
}

/** Pod-template annotation value that changes whenever any of the files (or their names) change. */
export function configChecksum(files: readonly ConfigFile[]): string {
  return checksum(...files.flatMap((f) => [f.name, f.fileName, f.text]));
}
