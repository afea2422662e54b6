// Config files that ride in ConfigMaps: typed objects serialized to YAML the Go services read
// (gopkg.in/yaml v2 is YAML 1.1 about booleans such as `on`, hence the YAML-1.1-safe serializer),
// and the ConfigMap plus checksum that rolls the pods when the text changes.
import { toYaml } from './yaml';
import type { KubeObject } from './types';
import { checksum } from './workload';

/** Same serializer as the manifests (no anchors, no folding, YAML-1.1-safe), keys in written order. */
export function configYaml(config: object): string {
  return toYaml(config);
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
