// The local cluster refuses to start without its host programs, and says which packages to install.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST_TOOLS, missingTools } from '../../harness/cluster/tools';

test('with every program on PATH nothing is missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lgtm-tools-'));
  try {
    for (const p of Object.keys(HOST_TOOLS)) symlinkSync('/bin/true', join(dir, p));
    expect(missingTools(dir)).toBeUndefined();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing nft is named with its use and its Debian package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lgtm-tools-'));
  try {
    for (const p of Object.keys(HOST_TOOLS).filter((p) => p !== 'nft')) symlinkSync('/bin/true', join(dir, p));
    expect(missingTools(dir)).toBe('the local cluster needs nft (per-pod Service NAT, as kube-proxy does), not on PATH: apt-get install nftables');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
