// Findings point at the line of the offending field, also inside multi-document files, List
// items and config files carried in a ConfigMap.
import { validateObjects } from '../../lib/validate/index';
import { parseManifests } from '../../lib/validate/load';

const none = { secrets: [], endpoints: [] };

describe('finding lines', () => {
  test('multi-document YAML: the line of the field, in the right document', () => {
    const text = [
      'apiVersion: v1', //                    1
      'kind: ServiceAccount', //              2
      'metadata: {name: a, namespace: obs}', // 3
      '---', //                               4
      'apiVersion: v1', //                    5
      'kind: ServiceAccount', //              6
      'metadata:', //                         7
      '  name: b', //                         8
      '  namespace: obs', //                  9
      'automountServiceAccountTokn: false', // 10
      '',
    ].join('\n');
    const { objects } = parseManifests('sa.yaml', text);
    expect(validateObjects(objects, none).map((f) => [f.line, f.object, f.path])).toEqual([[10, 'ServiceAccount/obs/b', 'automountServiceAccountTokn']]);
  });

  test('a config file in a ConfigMap: the line inside the block scalar', () => {
    const text = [
      'apiVersion: v1', //                         1
      'kind: ConfigMap', //                        2
      'metadata: {name: c, namespace: obs}', //    3
      'data:', //                                  4
      '  config.yaml: |', //                       5
      '    server:', //                            6
      '      port: 8080', //                       7
      '    push: http://mimir.obs.svc:8080/push', // 8
      '',
    ].join('\n');
    const { objects } = parseManifests('cm.yaml', text);
    expect(validateObjects(objects, none).map((f) => [f.line, f.check])).toEqual([[8, 'endpoint']]);
  });

  test('JSON List items: the line inside the item', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b', labelz: {} } }] }, null, 2);
    const { objects } = parseManifests('list.json', text);
    const line = text.split('\n').findIndex((l) => l.includes('labelz')) + 1;
    expect(validateObjects(objects, none).map((f) => [f.line, f.object, f.path])).toEqual([[line, 'Namespace/b', 'metadata.labelz']]);
  });
});
