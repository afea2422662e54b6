// The cdk8s peer of `lgtm render --check`, for the pairing in bench/render.ts: a cdk8s program that
// synthesizes the same objects (one Chart per environment and app, one ApiObject per object) into
// YAML files, as a team using cdk8s instead of this repository would run `cdk8s synth`. Plain
// JavaScript, started as its own process, so both sides pay Node's start-up and their loading.
//   node bench/lib/cdk8s-peer.mjs <objects.json> <outdir>
import { readFileSync } from 'node:fs';
import { ApiObject, App, Chart } from 'cdk8s';

const [input, outdir] = process.argv.slice(2);
/** @type {{ env: string; app: string; objects: Record<string, unknown>[] }[]} */
const groups = JSON.parse(readFileSync(input, 'utf8'));
const app = new App({ outdir });
for (const group of groups) {
  const chart = new Chart(app, `${group.env}-${group.app}`, { disableResourceNameHashes: true });
  group.objects.forEach((object, i) => {
    const { apiVersion, kind, metadata, ...rest } = object;
    new ApiObject(chart, `o${i}`, { apiVersion, kind, metadata, ...rest });
  });
}
app.synth();
