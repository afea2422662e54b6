// Every Argo CD application this repository renders, one folder each under
// `environments/<env>/manifests/`. Order does not matter: output is sorted.
import type { App } from './types';
import { platform } from './platform/index';

export const apps: readonly App[] = [
  platform,
];
