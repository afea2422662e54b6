// The local cluster's PKI, made fresh for every run with openssl: a CA, serving certificates for
// the API server and any other TLS endpoint the harness fakes (the Git host), and the service
// account signing key pair. Nothing here outlives the run's state folder.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Pki {
  dir: string;
  caCert: string;
  caKey: string;
  saKey: string;
  saPub: string;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; code?: string };
    if (err.code === 'ENOENT') throw new Error('openssl is not on PATH: install it (Debian package openssl); the harness makes its certificates with it');
    throw new Error(`openssl ${args[0]} failed: ${String(err.stderr ?? e).trim().split('\n')[0]}`);
  }
}

export function makePki(dir: string): Pki {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=lgtm-harness-ca'], dir);
  // The API server signs service account tokens with RS256 by default.
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'sa.key'], dir);
  openssl(['pkey', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], dir);
  return { dir, caCert: join(dir, 'ca.crt'), caKey: join(dir, 'ca.key'), saKey: join(dir, 'sa.key'), saPub: join(dir, 'sa.pub') };
}

/** A serving certificate signed by the run's CA for the given DNS names and IP addresses. */
export function servingCert(pki: Pki, name: string, dns: readonly string[], ips: readonly string[]): { cert: string; key: string } {
  const san = [...dns.map((d) => `DNS:${d}`), ...ips.map((i) => `IP:${i}`)].join(',');
  const ext = join(pki.dir, `${name}.ext`);
  writeFileSync(ext, `subjectAltName=${san}\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n`);
  const key = join(pki.dir, `${name}.key`);
  const csr = join(pki.dir, `${name}.csr`);
  const cert = join(pki.dir, `${name}.crt`);
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${dns[0] ?? name}`], pki.dir);
  openssl(['x509', '-req', '-in', csr, '-CA', pki.caCert, '-CAkey', pki.caKey, '-CAcreateserial', '-out', cert, '-days', '2', '-extfile', ext], pki.dir);
  return { cert, key };
}
