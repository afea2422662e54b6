// Object paths as people write them: `spec.template.spec.containers[0].image`,
// `metadata.annotations["lgtm.dev/skip-image-tag"]`.
import type { Path } from './types';

const PLAIN = /^[A-Za-z_$][\w$-]*$/;

export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
