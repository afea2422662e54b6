// YAML as every generated file writes it: no anchors, no line folding, and YAML-1.1-safe scalars,
// because kubectl and Argo CD read YAML with a Go YAML 1.1 parser (an unquoted `on`, `yes` or `y`
// would turn into a boolean there). Config files inside ConfigMaps use the same options. The text
// is the yaml library's; lib/yaml/block.ts writes it faster for the JSON-shaped data render has.
import { blockYaml, type YamlOptions } from '../yaml/block';

export const YAML_OPTIONS: YamlOptions = {
  lineWidth: 0,
  minContentWidth: 0,
  aliasDuplicateObjects: false,
  compat: 'yaml-1.1',
  indent: 2,
  indentSeq: true,
};

export function toYaml(value: unknown): string {
  return blockYaml(value, YAML_OPTIONS);
}
