// YAML as every generated file writes it: no anchors, no line folding, and YAML-1.1-safe scalars,
// because kubectl and Argo CD read YAML with a Go YAML 1.1 parser (an unquoted `on`, `yes` or `y`
// would turn into a boolean there). Config files inside ConfigMaps use the same options.
import { stringify } from 'yaml';

export function toYaml(value: unknown): string {
  return stringify(value, {
    lineWidth: 0,
    minContentWidth: 0,
    aliasDuplicateObjects: false,
    compat: 'yaml-1.1',
    indent: 2,
    indentSeq: true,
  });
}
