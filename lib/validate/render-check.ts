// The same validation `lgtm validate` runs, as a check of the render pipeline: `lgtm render` and
// `lgtm render --check` refuse to write (or accept) a tree that does not validate.
import type { CheckFinding, EnvironmentCheck } from '../checks';
import { oneLine } from './format';
import { externalsOf, validateAll, validateConfigFiles, type ExternalsSource } from './index';

/** The check, for the apps whose declared externals (out-of-band Secrets, endpoints) it accepts. */
export const validateRendered = (apps: readonly ExternalsSource[]): EnvironmentCheck => async (r) => {
  const externals = externalsOf(r.env, apps);
  const objects = r.objects.map((o) => ({ object: o.object, file: o.file, text: o.text }));
  const findings = [...(await validateAll(objects, externals)), ...validateConfigFiles(objects, r.files.map((f) => ({ path: f.path, content: f.content })), externals)];
  return findings.map((f): CheckFinding => ({ severity: f.severity, text: oneLine(f) }));
};
